import { filterInputClass } from "@/components/ui/filter-input";
import { STATUS_CLASSES, type StatusClass } from "@/lib/monitoring/request-log";

const STATUS_LABELS: Record<StatusClass, string> = {
  "2xx": "2xx success",
  "3xx": "3xx redirect",
  "4xx": "4xx client error",
  "5xx": "5xx server error",
  network: "Network errors (no response)",
};

/** A plain GET form: the filter lives in the URL, so a filtered log can be shared and reloaded. */
export function RequestLogFilter({
  action,
  status,
  text,
}: {
  action: string;
  status: StatusClass | null;
  text: string;
}) {
  return (
    <form
      method="get"
      action={action}
      className="flex flex-wrap items-end gap-3 border-b border-slate-100 px-5 py-3"
    >
      <input type="hidden" name="tab" value="requests" />
      <div>
        <label htmlFor="request-status" className="block text-sm font-medium text-slate-700">
          Status
        </label>
        <select id="request-status" name="status" defaultValue={status ?? ""} className={filterInputClass}>
          <option value="">Any status</option>
          {STATUS_CLASSES.map((value) => (
            <option key={value} value={value}>
              {STATUS_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-64 flex-1">
        <label htmlFor="request-text" className="block text-sm font-medium text-slate-700">
          URL or error contains
        </label>
        <input
          id="request-text"
          name="q"
          type="search"
          defaultValue={text}
          className={`${filterInputClass} w-full`}
        />
      </div>
      <button
        type="submit"
        className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-50"
      >
        Filter
      </button>
    </form>
  );
}

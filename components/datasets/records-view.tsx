import Link from "next/link";
import { formatDateTime } from "@/components/ui/format-date";
import type { StoredRecord } from "@/lib/datasets/read-datasets";
import { recordNumber } from "@/lib/datasets/record-numbers";
import { stringifyJson } from "@/lib/json/exact-json";

const MAX_COLUMNS = 8;

function cell(value: unknown): string {
  if (value === undefined) return "";
  const text = typeof value === "string" ? value : stringifyJson(value);
  return text.length > 48 ? `${text.slice(0, 48)}…` : text;
}

/** Sample records, newest first, as a table of top-level fields or as JSON. */
export function RecordsView({
  datasetId,
  records,
  view,
  nextBefore,
  paged,
}: {
  datasetId: string;
  records: StoredRecord[];
  view: "table" | "json";
  nextBefore: string | null;
  paged: boolean;
}) {
  const columns = [...new Set(records.flatMap((record) => Object.keys(record.data)))].slice(0, MAX_COLUMNS);
  const link = (params: Record<string, string>) =>
    `/datasets/${datasetId}?${new URLSearchParams(params)}#records`;
  return (
    <div>
      <nav className="mb-3 flex gap-2 text-sm" aria-label="Record view">
        <Link
          href={link({ view: "table" })}
          aria-current={view === "table" ? "true" : undefined}
          className={view === "table" ? "font-semibold text-brand-700" : "text-slate-600 hover:underline"}
        >
          Table
        </Link>
        <span aria-hidden className="text-slate-300">
          |
        </span>
        <Link
          href={link({ view: "json" })}
          aria-current={view === "json" ? "true" : undefined}
          className={view === "json" ? "font-semibold text-brand-700" : "text-slate-600 hover:underline"}
        >
          JSON
        </Link>
      </nav>
      {records.length === 0 ? (
        <p className="text-sm text-slate-600">No records yet.</p>
      ) : view === "json" ? (
        <ol className="space-y-2">
          {records.map((record) => (
            <li key={record.id}>
              <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
                {stringifyJson(record.data, 2)}
              </pre>
            </li>
          ))}
        </ol>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-xs" aria-label="Sample records">
            <thead className="uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">#</th>
                {columns.map((column) => (
                  <th key={column} className="px-3 py-2 font-medium normal-case">
                    {column}
                  </th>
                ))}
                <th className="px-3 py-2 font-medium">Received</th>
              </tr>
            </thead>
            <tbody>
              {records.map((record) => (
                <tr key={record.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 tabular-nums text-slate-500">{recordNumber(record.position)}</td>
                  {columns.map((column) => (
                    <td key={column} className="max-w-48 truncate px-3 py-2 font-mono">
                      {cell(record.data[column])}
                    </td>
                  ))}
                  <td className="whitespace-nowrap px-3 py-2 text-slate-500">
                    {formatDateTime(record.receivedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-3 flex gap-4 text-sm">
        {paged ? (
          <Link href={link({ view })} className="text-brand-600 hover:underline">
            Newest
          </Link>
        ) : null}
        {nextBefore ? (
          <Link href={link({ view, before: nextBefore })} className="text-brand-600 hover:underline">
            Older records
          </Link>
        ) : null}
      </div>
    </div>
  );
}

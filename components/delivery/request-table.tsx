import Link from "next/link";
import type { RequestLogEntry } from "@/lib/monitoring/request-log";
import { formatDateTimeSeconds } from "./format-time";

const OUTCOME_CLASSES: Record<string, string> = {
  delivered: "text-emerald-700",
  partial: "text-amber-800",
  retry: "text-amber-800",
  failed: "text-red-700",
  held: "text-red-700",
  job_status: "text-slate-600",
};

/** Outcomes as the table words them; the others read as stored. */
const OUTCOME_LABELS: Record<string, string> = { job_status: "job status" };

/** Attempts, newest first; each opens its request detail. */
export function RequestTable({
  label,
  destinationId,
  entries,
  empty,
}: {
  label: string;
  destinationId: string;
  entries: RequestLogEntry[];
  empty: string;
}) {
  if (entries.length === 0) {
    return <p className="px-5 py-10 text-center text-sm text-slate-600">{empty}</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table aria-label={label} className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">Time</th>
            <th className="px-4 py-2 font-medium">Method</th>
            <th className="px-4 py-2 font-medium">URL</th>
            <th className="px-4 py-2 font-medium">Status</th>
            <th className="px-4 py-2 font-medium">Duration</th>
            <th className="px-4 py-2 font-medium">Error class</th>
            <th className="px-4 py-2 font-medium">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className="border-t border-slate-100 align-top">
              <td className="px-4 py-2 whitespace-nowrap">
                <Link
                  href={`/destinations/${destinationId}/requests/${entry.id}`}
                  className="text-brand-600 hover:underline"
                  aria-label={`Request ${entry.id}, ${formatDateTimeSeconds(entry.startedAt)}`}
                >
                  {formatDateTimeSeconds(entry.startedAt)}
                </Link>
                {entry.attempt > 1 ? (
                  <span className="block text-xs text-slate-500">attempt {entry.attempt}</span>
                ) : null}
                {entry.resentAfterStop ? (
                  <span className="block text-xs text-amber-800">re-sent after a worker stopped</span>
                ) : null}
              </td>
              <td className="px-4 py-2 font-mono text-xs">{entry.method}</td>
              <td className="max-w-md px-4 py-2 font-mono text-xs break-all">{entry.url}</td>
              <td className="px-4 py-2 tabular-nums">{entry.status ?? "—"}</td>
              <td className="px-4 py-2 whitespace-nowrap tabular-nums">{entry.durationMs} ms</td>
              <td className="px-4 py-2 font-mono text-xs">{entry.errorClass ?? ""}</td>
              <td className={`px-4 py-2 ${OUTCOME_CLASSES[entry.outcome] ?? ""}`}>
                {OUTCOME_LABELS[entry.outcome] ?? entry.outcome}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Newest / Newer / Older links of a keyset-paged request list. */
export function RequestPager({
  label,
  newerHref,
  olderHref,
  newestHref,
}: {
  label: string;
  newerHref: string | null;
  olderHref: string | null;
  newestHref: string | null;
}) {
  if (!newerHref && !olderHref) return null;
  const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
  return (
    <nav aria-label={label} className="flex items-center justify-end gap-3 px-5 py-3 text-sm">
      {newestHref && newerHref ? (
        <Link href={newestHref} scroll={false} className={linkClass}>
          Newest
        </Link>
      ) : null}
      {newerHref ? (
        <Link href={newerHref} scroll={false} className={linkClass}>
          Newer
        </Link>
      ) : null}
      {olderHref ? (
        <Link href={olderHref} scroll={false} className={linkClass}>
          Older
        </Link>
      ) : null}
    </nav>
  );
}

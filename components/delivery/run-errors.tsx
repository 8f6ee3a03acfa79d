import Link from "next/link";
import type { RunErrorGroup } from "@/lib/monitoring/run-errors";
import { formatCount } from "./format-stats";
import { formatDateTimeSeconds } from "./format-time";

const plural = (count: number, one: string, many: string) =>
  `${formatCount(count)} ${count === 1 ? one : many}`;

/**
 * A run's errors by kind, most frequent first; each opens to an example message and its sample
 * requests and records. A kind whose requests were all retried and delivered is shown as
 * recovered, in a neutral colour: nothing is left to fix.
 */
export function RunErrors({ destinationId, groups }: { destinationId: string; groups: RunErrorGroup[] }) {
  if (groups.length === 0) {
    return <p className="px-5 py-6 text-sm text-slate-600">No errors in this run.</p>;
  }
  return (
    <ul aria-label="Errors by kind" className="divide-y divide-slate-100">
      {groups.map((group) => (
        <li key={`${group.example}\n${group.message}`} className="px-5 py-3">
          <details>
            <summary className="cursor-pointer text-sm">
              <span
                className={`font-medium break-words ${group.records > 0 ? "text-red-800" : "text-slate-800"}`}
              >
                {group.message || "(no message)"}
              </span>
              <span className="ml-2 text-xs text-slate-600">
                {[
                  group.requests > 0 ? `× ${plural(group.requests, "request", "requests")}` : null,
                  group.records > 0
                    ? plural(group.records, "failed record", "failed records")
                    : "recovered: all retried",
                ]
                  .filter(Boolean)
                  .join(" · ")}{" "}
                · first seen {formatDateTimeSeconds(group.firstSeen)}
              </span>
            </summary>
            <p className="mt-2 pl-4 text-xs break-words text-slate-600">First message: {group.example}</p>
            <div className="mt-2 grid gap-3 pl-4 text-sm sm:grid-cols-2">
              {group.sampleRequestIds.length > 0 ? (
                <div>
                  <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
                    Sample requests
                  </p>
                  <ul className="mt-1 space-y-0.5">
                    {group.sampleRequestIds.map((id) => (
                      <li key={id}>
                        <Link
                          href={`/destinations/${destinationId}/requests/${id}`}
                          className="font-mono text-xs text-brand-600 hover:underline"
                        >
                          Request {id}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {group.sampleRecords.length > 0 ? (
                <div>
                  <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Sample records</p>
                  <p className="mt-1 font-mono text-xs">
                    {group.sampleRecords.map((number) => `record ${number}`).join(", ")}
                  </p>
                </div>
              ) : null}
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}

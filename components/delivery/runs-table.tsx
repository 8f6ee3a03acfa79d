import Link from "next/link";
import type { ReactNode } from "react";
import type { RunSummary } from "@/lib/delivery/read-delivery";
import { formatDuration } from "./format-duration";
import { formatDateTimeSeconds } from "./format-time";
import { Pager } from "./pager";
import { outcomeOf, TRIGGER_LABELS } from "./run-labels";

const count = (value: number) => value.toLocaleString("en-US");

type RunsPage = { runs: RunSummary[]; page: number; pageCount: number; total: number };

/** The destination's runs, newest first, with what each delivered. */
export function RunsTable({
  destinationId,
  runs,
  now,
  hrefFor,
  filter,
  filtered = false,
}: {
  destinationId: string;
  runs: RunsPage;
  /** When the page was rendered: a running run's duration so far. */
  now: Date;
  hrefFor: (page: number) => string;
  /** Shown above the table, e.g. the outcome filter. */
  filter?: ReactNode;
  /** Whether a filter hides some runs (changes what "no runs" means). */
  filtered?: boolean;
}) {
  return (
    <section aria-labelledby="runs-heading" className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-5 py-3">
        <h2 id="runs-heading" className="font-semibold">
          Runs
        </h2>
        <p className="text-xs text-slate-500">
          {runs.total.toLocaleString("en-US")} {runs.total === 1 ? "run" : "runs"} · newest first
        </p>
      </div>
      {filter}
      {runs.runs.length === 0 && filtered ? (
        <p className="px-5 py-10 text-center text-sm text-slate-600">No runs with this outcome.</p>
      ) : runs.runs.length === 0 ? (
        <p className="px-5 py-10 text-center text-sm text-slate-600">
          No runs yet. Activate sends the records already in the dataset, then new ones as they arrive or on
          the schedule.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table aria-labelledby="runs-heading" className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Trigger</th>
                <th className="px-4 py-2 font-medium">Version</th>
                <th className="px-4 py-2 font-medium">Started</th>
                <th className="px-4 py-2 font-medium">Duration</th>
                <th className="px-4 py-2 font-medium">Records</th>
                <th className="px-4 py-2 font-medium">Requests</th>
                <th className="px-4 py-2 font-medium">Outcome</th>
                <th className="px-4 py-2 font-medium">Last error</th>
              </tr>
            </thead>
            <tbody>
              {runs.runs.map((run) => (
                <RunRow key={run.id} destinationId={destinationId} run={run} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager label="Runs pages" page={runs.page} pageCount={runs.pageCount} hrefFor={hrefFor} />
    </section>
  );
}

function RunRow({ destinationId, run, now }: { destinationId: string; run: RunSummary; now: Date }) {
  const outcome = outcomeOf(run);
  const elapsed = (run.finishedAt ?? now).getTime() - run.startedAt.getTime();
  return (
    <tr className="border-t border-slate-100 align-top">
      <td className="px-4 py-3 whitespace-nowrap">
        <Link
          href={`/destinations/${destinationId}/runs/${run.id}`}
          className="text-brand-600 hover:underline"
        >
          {TRIGGER_LABELS[run.trigger]}
        </Link>
      </td>
      <td className="px-4 py-3">{run.version}</td>
      <td className="px-4 py-3 whitespace-nowrap text-slate-600">{formatDateTimeSeconds(run.startedAt)}</td>
      <td className="px-4 py-3 whitespace-nowrap">
        {formatDuration(elapsed)}
        {run.finishedAt ? "" : " so far"}
      </td>
      <td className="px-4 py-3 whitespace-nowrap">
        {count(run.recordsDelivered)} of {count(run.recordsPlanned)} delivered
        <span className="block text-xs text-slate-500">
          <span className={run.recordsFailed > 0 ? "text-red-700" : undefined}>
            {count(run.recordsFailed)} failed
          </span>
          {run.recordsSkipped > 0 ? ` · ${count(run.recordsSkipped)} skipped` : ""}
        </span>
      </td>
      <td className="px-4 py-3 whitespace-nowrap">
        {count(run.requestsDelivered)} delivered
        <span className="block text-xs text-slate-500">
          <span className={run.requestsFailed > 0 ? "text-red-700" : undefined}>
            {count(run.requestsFailed)} failed
          </span>{" "}
          · {count(run.requestsAttempted)} {run.requestsAttempted === 1 ? "attempt" : "attempts"}
        </span>
      </td>
      <td className="px-4 py-3">
        <span
          className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${outcome.className}`}
        >
          {outcome.label}
        </span>
      </td>
      <td
        className={`min-w-56 max-w-md px-4 py-3 text-xs break-words ${run.status === "succeeded" ? "text-slate-600" : "text-red-700"}`}
      >
        <span className="line-clamp-3" title={run.lastError ?? undefined}>
          {run.lastError ?? ""}
        </span>
      </td>
    </tr>
  );
}

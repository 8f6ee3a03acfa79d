import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { formatDuration } from "@/components/delivery/format-duration";
import { formatCount } from "@/components/delivery/format-stats";
import { formatDateTimeSeconds } from "@/components/delivery/format-time";
import { LiveRefresh } from "@/components/delivery/live-refresh";
import { RequestPager, RequestTable } from "@/components/delivery/request-table";
import { RunErrors } from "@/components/delivery/run-errors";
import { RunJobs } from "@/components/delivery/run-jobs";
import { outcomeOf, TRIGGER_LABELS } from "@/components/delivery/run-labels";
import { RunProgress } from "@/components/delivery/run-progress";
import { RunStoppedAlert } from "@/components/delivery/run-stopped-alert";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { findConnector } from "@/lib/connectors/registry";
import { getDestination } from "@/lib/destinations/manage-destinations";
import { getDestinationRun, listRunJobs } from "@/lib/monitoring/destination-runs";
import { listRequests, requestLogQuerySchema } from "@/lib/monitoring/request-log";
import { groupRunErrors } from "@/lib/monitoring/run-errors";

export const metadata: Metadata = { title: "Run" };

/** A running run's page follows its counters about as often as the destination page does. */
const RUNNING_REFRESH_MS = 1_500;

const paramsSchema = z.object({ destinationId: z.uuid(), runId: z.uuid() });
const searchSchema = requestLogQuerySchema.pick({ before: true, after: true });

export default async function RunPage({
  params,
  searchParams,
}: {
  params: Promise<{ destinationId: string; runId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireWorkspaceSession();
  const ids = paramsSchema.safeParse(await params);
  if (!ids.success) notFound();
  const { destinationId, runId } = ids.data;
  const workspaceId = session.workspace.id;
  const cursor = searchSchema.parse(await searchParams);
  const [destination, run, errors, requests] = await Promise.all([
    getDestination(workspaceId, destinationId),
    getDestinationRun(workspaceId, destinationId, runId),
    groupRunErrors(workspaceId, destinationId, runId),
    listRequests(workspaceId, destinationId, { ...cursor, runId }),
  ]);
  if (!destination || !run || !errors || !requests) notFound();
  const jobs = await listRunJobs(run.id);

  const running = run.status === "running";
  const outcome = outcomeOf(run);
  const elapsed = (run.finishedAt ?? new Date()).getTime() - run.startedAt.getTime();
  const base = `/destinations/${destinationId}/runs/${runId}`;
  const figures: [string, string][] = [
    ["Trigger", TRIGGER_LABELS[run.trigger]],
    // Edited while it ran: its requests went out under each version in turn.
    run.versionsSent.length > 1
      ? ["Configuration versions", run.versionsSent.join(", ")]
      : ["Configuration version", String(run.versionsSent[0] ?? run.version)],
    ["Started", formatDateTimeSeconds(run.startedAt)],
    ["Finished", run.finishedAt ? formatDateTimeSeconds(run.finishedAt) : "Not yet"],
    ["Duration", `${formatDuration(elapsed)}${run.finishedAt ? "" : " so far"}`],
    ["Records planned", formatCount(run.recordsPlanned)],
    ["Records delivered", formatCount(run.recordsDelivered)],
    ["Records failed", formatCount(run.recordsFailed)],
    ["Records skipped", formatCount(run.recordsSkipped)],
    ["Requests delivered", formatCount(run.requestsDelivered)],
    ["Requests failed", formatCount(run.requestsFailed)],
    ["Attempts", formatCount(run.requestsAttempted)],
  ];

  return (
    <div className="space-y-6">
      <LiveRefresh intervalMs={running ? RUNNING_REFRESH_MS : null} />
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href={`/destinations/${destinationId}?tab=runs`} className="hover:underline">
          {destination.name} · Runs
        </Link>
      </nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">
          {TRIGGER_LABELS[run.trigger]} run · {formatDateTimeSeconds(run.startedAt)}
        </h1>
        <span
          role="status"
          aria-label="Run outcome"
          className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${outcome.className}`}
        >
          {outcome.label}
        </span>
      </header>

      {run.stoppedBy ? (
        <RunStoppedAlert
          stoppedBy={run.stoppedBy}
          reason={run.lastError}
          delivered={run.recordsDelivered}
          waiting={run.recordsWaitingAtStop}
          destinationId={destinationId}
          credentialId={destination.config.credentialId ?? null}
        />
      ) : null}

      <RunJobs
        jobs={jobs}
        apiName={findConnector(destination.connectorId)?.name ?? "The API"}
        now={new Date()}
      />

      <section
        aria-labelledby="run-counts-heading"
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="run-counts-heading" className="font-semibold">
          Counts
        </h2>
        {running ? (
          <RunProgress done={run.recordsDelivered + run.recordsFailed} planned={run.recordsPlanned} />
        ) : null}
        <table aria-label="Run counts" className="text-sm">
          <tbody>
            {figures.map(([label, value]) => (
              <tr key={label}>
                <th scope="row" className="w-48 py-0.5 pr-4 text-left font-normal text-slate-500">
                  {label}
                </th>
                <td className="py-0.5 tabular-nums">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="run-errors-heading" className="rounded-lg border border-slate-200 bg-white">
        <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-5 py-3">
          <h2 id="run-errors-heading" className="font-semibold">
            Errors
          </h2>
          <p className="text-xs text-slate-500">
            Grouped by kind (times, ids and numbers aside) · most frequent first
          </p>
        </div>
        <RunErrors destinationId={destinationId} groups={errors} />
      </section>

      <section aria-labelledby="run-requests-heading" className="rounded-lg border border-slate-200 bg-white">
        <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-5 py-3">
          <h2 id="run-requests-heading" className="font-semibold">
            Requests
          </h2>
          <p className="text-xs text-slate-500">Attempts of this run · newest first</p>
        </div>
        <RequestTable
          label="Requests of this run"
          destinationId={destinationId}
          entries={requests.entries}
          empty="No requests sent in this run yet."
        />
        <RequestPager
          label="Requests pages"
          newestHref={base}
          newerHref={requests.newerCursor ? `${base}?after=${requests.newerCursor}` : null}
          olderHref={requests.olderCursor ? `${base}?before=${requests.olderCursor}` : null}
        />
      </section>
    </div>
  );
}

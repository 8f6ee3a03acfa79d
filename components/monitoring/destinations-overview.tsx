import Link from "next/link";
import { DestinationStatusBadge } from "@/components/delivery/destination-status-badge";
import { outcomeOf, TRIGGER_LABELS } from "@/components/delivery/run-labels";
import { formatDateTime } from "@/components/ui/format-date";
import type { DashboardDestination, DashboardRun } from "@/lib/monitoring/dashboard";
import { timeAgo } from "@/lib/monitoring/relative-time";
import { Sparkline } from "./sparkline";

const count = (value: number) => value.toLocaleString("en-US");

/** Every destination with its last 24 hours and last run; failing ones first (the order given). */
export function DestinationsOverview({
  destinations,
  now,
}: {
  destinations: DashboardDestination[];
  now: Date;
}) {
  return (
    <section aria-labelledby="destinations-heading" className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-5 py-3">
        <h2 id="destinations-heading" className="font-semibold">
          Destinations
        </h2>
        <p className="text-xs text-slate-500">Failing first · counts for the last 24 hours</p>
      </div>
      <div className="overflow-x-auto">
        <table aria-labelledby="destinations-heading" className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">Destination</th>
              <th className="px-4 py-2 font-medium">Dataset</th>
              <th className="px-4 py-2 font-medium">Status</th>
              <th className="px-4 py-2 text-right font-medium">Delivered (24 h)</th>
              <th className="px-4 py-2 text-right font-medium">Failed now</th>
              <th className="px-4 py-2 font-medium">Last run</th>
              <th className="px-4 py-2 font-medium">Per hour</th>
            </tr>
          </thead>
          <tbody>
            {destinations.map((destination) => (
              <tr key={destination.id} className="border-t border-slate-100 align-top">
                <td className="px-4 py-3">
                  <div className="flex items-center gap-3">
                    {destination.connector.logo ? (
                      // biome-ignore lint/performance/noImgElement: small static logos
                      <img
                        src={destination.connector.logo}
                        alt={destination.connector.name}
                        width={28}
                        height={28}
                      />
                    ) : null}
                    <div>
                      <Link href={destination.href} className="font-medium text-slate-900 hover:underline">
                        {destination.name}
                      </Link>
                      <p className="text-xs text-slate-500">{destination.connector.name}</p>
                    </div>
                  </div>
                </td>
                <td className="px-4 py-3">
                  <Link href={`/datasets/${destination.dataset.id}`} className="hover:underline">
                    {destination.dataset.name}
                  </Link>
                </td>
                <td className="px-4 py-3">
                  <DestinationStatusBadge status={destination.status} />
                  {destination.saved ? null : (
                    <p className="mt-1 text-xs text-slate-500">Setup not finished</p>
                  )}
                </td>
                <td className="px-4 py-3 text-right tabular-nums">{count(destination.delivered24h)}</td>
                <td className="px-4 py-3 text-right tabular-nums">
                  {destination.failedNow > 0 ? (
                    <Link
                      href={`/destinations/${destination.id}?tab=failed`}
                      className="font-medium text-red-700 hover:underline"
                    >
                      {count(destination.failedNow)}
                    </Link>
                  ) : (
                    count(0)
                  )}
                </td>
                <td className="px-4 py-3">
                  {destination.lastRun ? (
                    <LastRun run={destination.lastRun} now={now} />
                  ) : (
                    <span className="text-slate-500">No runs yet</span>
                  )}
                </td>
                <td className="px-4 py-3">
                  <Sparkline
                    values={destination.deliveredPerHour}
                    label="Records delivered per hour, last 24 hours"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function LastRun({ run, now }: { run: DashboardRun; now: Date }) {
  const outcome = outcomeOf(run);
  const at = run.finishedAt ?? run.startedAt;
  return (
    <div>
      <span
        className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${outcome.className}`}
      >
        {outcome.label}
      </span>
      <p className="mt-1 text-xs text-slate-600">
        {TRIGGER_LABELS[run.trigger]} · {run.finishedAt ? "ended" : "started"}{" "}
        <time dateTime={at.toISOString()} title={formatDateTime(at)}>
          {timeAgo(at, now)}
        </time>
      </p>
      <p className="text-xs text-slate-500">
        {count(run.recordsDelivered)} delivered
        {run.recordsFailed > 0 ? `, ${count(run.recordsFailed)} failed` : ""}
      </p>
    </div>
  );
}

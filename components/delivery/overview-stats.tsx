import { formatDateTime } from "@/components/ui/format-date";
import type { DestinationStats } from "@/lib/monitoring/destination-stats";
import type { StatsSummary } from "@/lib/monitoring/destination-stats-series";
import { formatCount, formatLatencyBound, formatRate } from "./format-stats";
import { StatsChart } from "./stats-chart";

const hourLabel = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});
const dayLabel = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

type Column = { label: string; summary: Partial<StatsSummary> };

/** Totals, error rate and latency, then records delivered and failed by hour and by day. */
export function OverviewStats({
  stats,
  savedAt,
}: {
  stats: DestinationStats;
  /** When the version in force was saved. */
  savedAt: Date | null;
}) {
  const columns: Column[] = [
    { label: "Last 48 hours", summary: stats.last48Hours },
    { label: "Last 30 days", summary: stats.last30Days },
    { label: "All time", summary: stats.allTime },
  ];
  const rows: { label: string; value: (summary: Partial<StatsSummary>) => string }[] = [
    { label: "Records delivered", value: (s) => count(s.recordsDelivered) },
    { label: "Records failed", value: (s) => count(s.recordsFailed) },
    { label: "Requests", value: (s) => count(s.requests) },
    { label: "Requests failed", value: (s) => count(s.requestsFailed) },
    {
      label: "Error rate (records failed)",
      value: (s) =>
        "errorRate" in s
          ? formatRate(s.errorRate ?? null)
          : rate((s.recordsDelivered ?? 0) + (s.recordsFailed ?? 0), s.recordsFailed),
    },
    { label: "Latency p50", value: (s) => ("p50Ms" in s ? formatLatencyBound(s.p50Ms ?? null) : "—") },
    { label: "Latency p95", value: (s) => ("p95Ms" in s ? formatLatencyBound(s.p95Ms ?? null) : "—") },
  ];
  return (
    <section
      aria-labelledby="stats-heading"
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-5"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="stats-heading" className="font-semibold">
          Delivery statistics
        </h2>
        <p className="text-xs text-slate-500">
          Configuration in force:{" "}
          <span className="font-medium text-slate-700">
            {stats.currentVersion > 0
              ? `Version ${stats.currentVersion}${savedAt ? ` · saved ${formatDateTime(savedAt)}` : ""}`
              : "none saved yet"}
          </span>{" "}
          · hours and days in UTC · latency as the bucket it falls in
        </p>
      </div>
      <div className="overflow-x-auto">
        <table aria-label="Delivery totals" className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">
                <span className="sr-only">Figure</span>
              </th>
              {columns.map((column) => (
                <th key={column.label} scope="col" className="px-4 py-2 font-medium">
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} className="border-t border-slate-100">
                <th scope="row" className="px-4 py-2 font-normal text-slate-600">
                  {row.label}
                </th>
                {columns.map((column) => (
                  <td key={column.label} className="px-4 py-2 tabular-nums">
                    {row.value(column.summary)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <StatsChart
          title="Records per hour, last 48 hours"
          buckets={stats.hourly}
          labelOf={(start) => hourLabel.format(start)}
        />
        <StatsChart
          title="Records per day, last 30 days"
          buckets={stats.daily}
          labelOf={(start) => dayLabel.format(start)}
        />
      </div>
    </section>
  );
}

const count = (value: number | undefined) => formatCount(value ?? 0);
const rate = (requests = 0, failed = 0) => formatRate(requests > 0 ? failed / requests : null);

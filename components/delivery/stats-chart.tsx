import type { StatsBucket } from "@/lib/monitoring/destination-stats-series";
import { formatCount } from "./format-stats";

const WIDTH = 600;
const HEIGHT = 120;

/**
 * Records delivered (bottom) and failed (top) per bucket as stacked bars, in plain SVG. The same
 * figures are in a table that screen readers read instead of the picture.
 */
export function StatsChart({
  title,
  buckets,
  labelOf,
}: {
  title: string;
  buckets: StatsBucket[];
  /** How a bucket's start is written, e.g. "10 Mar 14:00". */
  labelOf: (start: Date) => string;
}) {
  const max = Math.max(1, ...buckets.map((bucket) => bucket.recordsDelivered + bucket.recordsFailed));
  const slot = WIDTH / Math.max(1, buckets.length);
  const bar = Math.max(1, slot * 0.75);
  const y = (value: number) => (value / max) * HEIGHT;
  const first = buckets[0];
  const last = buckets.at(-1);
  return (
    <figure className="space-y-1">
      <figcaption className="text-sm font-medium text-slate-700">{title}</figcaption>
      <div className="flex gap-2">
        <div className="flex flex-col justify-between text-right text-xs text-slate-500" aria-hidden="true">
          <span>{formatCount(max)}</span>
          <span>0</span>
        </div>
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          className="h-32 w-full rounded bg-slate-50"
          aria-hidden="true"
        >
          {buckets.map((bucket, index) => {
            const delivered = y(bucket.recordsDelivered);
            const failed = y(bucket.recordsFailed);
            const x = index * slot + (slot - bar) / 2;
            return (
              <g key={bucket.start.toISOString()}>
                <title>
                  {`${labelOf(bucket.start)}: ${formatCount(bucket.recordsDelivered)} delivered, ${formatCount(bucket.recordsFailed)} failed`}
                </title>
                <rect
                  x={x}
                  y={HEIGHT - delivered}
                  width={bar}
                  height={delivered}
                  className="fill-emerald-500"
                />
                <rect
                  x={x}
                  y={HEIGHT - delivered - failed}
                  width={bar}
                  height={failed}
                  className="fill-red-500"
                />
              </g>
            );
          })}
        </svg>
      </div>
      <div className="flex justify-between pl-8 text-xs text-slate-500" aria-hidden="true">
        <span>{first ? labelOf(first.start) : ""}</span>
        <span className="flex gap-3">
          <span>
            <span className="mr-1 inline-block size-2 rounded-sm bg-emerald-500" />
            Delivered
          </span>
          <span>
            <span className="mr-1 inline-block size-2 rounded-sm bg-red-500" />
            Failed
          </span>
        </span>
        <span>{last ? labelOf(last.start) : ""}</span>
      </div>
      {/* A table ignores the 1px height sr-only gives it: wrapped, it no longer stretches the page. */}
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Period starting</th>
              <th scope="col">Records delivered</th>
              <th scope="col">Records failed</th>
              <th scope="col">Requests</th>
              <th scope="col">Requests failed</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((bucket) => (
              <tr key={bucket.start.toISOString()}>
                <th scope="row">{labelOf(bucket.start)}</th>
                <td>{bucket.recordsDelivered}</td>
                <td>{bucket.recordsFailed}</td>
                <td>{bucket.requests}</td>
                <td>{bucket.requestsFailed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/**
 * The Overview tab's figures. Read from the hourly counters only (at most 30 × 24 rows and one
 * aggregate), never from the attempt log, so they cost the same with a million attempts.
 */
import { db, dbPool } from "@/lib/db/client";
import { findOwnedDestination } from "./destination-access";
import {
  dailyBuckets,
  daysStart,
  type HourlyCounters,
  hourlyBuckets,
  hoursStart,
  type StatsBucket,
  type StatsSummary,
  summarize,
} from "./destination-stats-series";

export type DestinationStats = {
  /** The configuration version runs send with now. */
  currentVersion: number;
  hourly: StatsBucket[];
  daily: StatsBucket[];
  last48Hours: StatsSummary;
  last30Days: StatsSummary;
  allTime: StatsSummary;
};

export async function readDestinationStats(
  workspaceId: string,
  destinationId: string,
  now: Date = new Date(),
): Promise<DestinationStats | null> {
  const destination = await findOwnedDestination(workspaceId, destinationId);
  if (!destination) return null;
  const since = daysStart(now);
  const [recent, totals] = await Promise.all([
    db().deliveryHourlyStats.findMany({
      where: { destinationId, hour: { gte: since } },
      select: {
        hour: true,
        recordsDelivered: true,
        recordsFailed: true,
        requests: true,
        requestsFailed: true,
        latencyHistogram: true,
      },
    }),
    dbPool().query<{
      delivered: string;
      failed: string;
      requests: string;
      requests_failed: string;
      histogram: number[] | null;
    }>(
      // One pass over the destination's counters (one row per hour it sent in), the latency
      // histograms added bucket by bucket.
      `SELECT coalesce(sum(records_delivered), 0) AS delivered, coalesce(sum(records_failed), 0) AS failed,
              coalesce(sum(requests), 0) AS requests, coalesce(sum(requests_failed), 0) AS requests_failed,
              (SELECT array_agg(b.count ORDER BY b.i)
                 FROM (SELECT u.i, sum(u.count)::int AS count
                         FROM delivery_hourly_stats h, unnest(h.latency_histogram) WITH ORDINALITY AS u(count, i)
                        WHERE h.destination_id = $1
                        GROUP BY u.i) b) AS histogram
         FROM delivery_hourly_stats WHERE destination_id = $1`,
      [destinationId],
    ),
  ]);
  const rows: HourlyCounters[] = recent;
  const from48 = hoursStart(now).getTime();
  const total = totals.rows[0];
  return {
    currentVersion: destination.currentVersion,
    hourly: hourlyBuckets(rows, now),
    daily: dailyBuckets(rows, now),
    last48Hours: summarize(rows.filter((row) => row.hour.getTime() >= from48)),
    last30Days: summarize(rows),
    allTime: summarize([
      {
        hour: new Date(0),
        recordsDelivered: Number(total?.delivered ?? 0),
        recordsFailed: Number(total?.failed ?? 0),
        requests: Number(total?.requests ?? 0),
        requestsFailed: Number(total?.requests_failed ?? 0),
        latencyHistogram: total?.histogram ?? [],
      },
    ]),
  };
}

/** Adds to a destination's counters for the current hour (see DeliveryHourlyStats). */
import type pg from "pg";
import { latencyHistogram } from "./latency-buckets";

export type StatsDelta = {
  recordsDelivered?: number;
  recordsFailed?: number;
  requests?: number;
  requestsFailed?: number;
  durationsMs?: number[];
};

export async function addHourlyStats(
  client: Pick<pg.PoolClient, "query">,
  destinationId: string,
  delta: StatsDelta,
): Promise<void> {
  const histogram = latencyHistogram(delta.durationsMs ?? []);
  if (
    !delta.recordsDelivered &&
    !delta.recordsFailed &&
    !delta.requests &&
    !delta.requestsFailed &&
    !delta.durationsMs?.length
  ) {
    return;
  }
  await client.query(
    `INSERT INTO delivery_hourly_stats AS s
            (destination_id, hour, records_delivered, records_failed, requests, requests_failed, latency_histogram)
     VALUES ($1, date_trunc('hour', now() AT TIME ZONE 'UTC'), $2, $3, $4, $5, $6::int[])
     ON CONFLICT (destination_id, hour) DO UPDATE SET
       records_delivered = s.records_delivered + excluded.records_delivered,
       records_failed = s.records_failed + excluded.records_failed,
       requests = s.requests + excluded.requests,
       requests_failed = s.requests_failed + excluded.requests_failed,
       latency_histogram = ARRAY(
         SELECT coalesce(a, 0) + coalesce(b, 0)
           FROM unnest(s.latency_histogram, excluded.latency_histogram) WITH ORDINALITY AS u(a, b, i)
          ORDER BY i)`,
    [
      destinationId,
      delta.recordsDelivered ?? 0,
      delta.recordsFailed ?? 0,
      delta.requests ?? 0,
      delta.requestsFailed ?? 0,
      histogram,
    ],
  );
}

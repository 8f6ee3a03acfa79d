/**
 * Every delivery counter lives here: a run's record and request counts, a destination's count of
 * consecutive failed runs, and the hourly stats (DeliveryHourlyStats). Each change is one
 * statement on the caller's handle, so it commits with whatever it counts.
 */
import { z } from "zod";
import { latencyHistogram } from "../latency-buckets";
import { execute, type Queryable, selectRow } from "./db";

export type StatsDelta = {
  recordsDelivered?: number;
  recordsFailed?: number;
  requests?: number;
  requestsFailed?: number;
  durationsMs?: number[];
};

/** Adds to a destination's counters for the current hour. */
export async function addHourlyStats(db: Queryable, destinationId: string, delta: StatsDelta): Promise<void> {
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
  await execute(
    db,
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

/** What planning added to a run: records planned, records failed unbuilt, records skipped. */
export async function addPlannedCounts(
  db: Queryable,
  runId: string,
  counts: { planned: number; failed: number; skipped: number },
): Promise<void> {
  await execute(
    db,
    `UPDATE runs SET records_planned = records_planned + $2, records_failed = records_failed + $3,
            records_skipped = records_skipped + $4
      WHERE id = $1`,
    [runId, counts.planned, counts.failed, counts.skipped],
  );
}

/**
 * A run's planned records counted again from the batches queued for its destination: Activate
 * moves the batches a pause or a failure left into its new run, which then counts them.
 */
export async function countQueuedAsPlanned(
  db: Queryable,
  runId: string,
  destinationId: string,
): Promise<void> {
  await execute(
    db,
    `UPDATE runs SET records_planned = (
       SELECT coalesce(sum(CASE WHEN b.payloads IS NULL THEN cardinality(b.record_ids)
                                ELSE (SELECT count(*) FROM json_object_keys(b.payloads)) END), 0)
         FROM delivery_batches b WHERE b.destination_id = $2::uuid)
      WHERE id = $1::uuid`,
    [runId, destinationId],
  );
}

/** What a flush of outcomes adds to one run. */
export type OutcomeCounts = {
  recordsAttempted: number;
  recordsDelivered: number;
  recordsFailed: number;
  requestsAttempted: number;
  requestsDelivered: number;
  requestsFailed: number;
  lastError: string | null;
  /** Configuration versions these requests were built with. */
  versions: Set<number>;
};

export async function addOutcomeCounts(db: Queryable, runId: string, counts: OutcomeCounts): Promise<void> {
  await execute(
    db,
    `UPDATE runs SET records_attempted = records_attempted + $2, records_delivered = records_delivered + $3,
            records_failed = records_failed + $4, requests_attempted = requests_attempted + $5,
            requests_delivered = requests_delivered + $6, requests_failed = requests_failed + $7,
            last_error = coalesce($8, last_error),
            versions_sent = ARRAY(SELECT DISTINCT v FROM unnest(versions_sent || $9::int[]) AS v ORDER BY v)
      WHERE id = $1`,
    [
      runId,
      counts.recordsAttempted,
      counts.recordsDelivered,
      counts.recordsFailed,
      counts.requestsAttempted,
      counts.requestsDelivered,
      counts.requestsFailed,
      counts.lastError,
      [...counts.versions],
    ],
  );
}

/** Records a batch job reported failed after its request was counted delivered. */
export async function moveDeliveredToFailed(
  db: Queryable,
  runId: string,
  records: number,
  lastError: string | null,
): Promise<void> {
  await execute(
    db,
    `UPDATE runs SET records_delivered = records_delivered - $2, records_failed = records_failed + $2,
            last_error = $3
      WHERE id = $1`,
    [runId, records, lastError],
  );
}

/** A delivered run starts the count of failed runs again. */
export async function resetFailedRuns(db: Queryable, destinationId: string): Promise<void> {
  await execute(
    db,
    `UPDATE destinations SET consecutive_failed_runs = 0, updated_at = now() AT TIME ZONE 'UTC'
      WHERE id = $1`,
    [destinationId],
  );
}

/** Counts one more failed run; returns the count, or null when the destination is gone. */
export async function addFailedRun(db: Queryable, destinationId: string): Promise<number | null> {
  const row = await selectRow(
    db,
    z.object({ consecutiveFailedRuns: z.number() }),
    `UPDATE destinations SET consecutive_failed_runs = consecutive_failed_runs + 1,
            updated_at = now() AT TIME ZONE 'UTC'
      WHERE id = $1
      RETURNING consecutive_failed_runs AS "consecutiveFailedRuns"`,
    [destinationId],
  );
  return row?.consecutiveFailedRuns ?? null;
}

/**
 * Retention: the request log (delivery_attempts), dataset records and alerts are kept
 * OUTFLOW_RETENTION_DAYS. A record goes only once every destination of its dataset has delivered
 * it: its id is at or below every destination's cursor and no pending batch or batch job check
 * still names it (dead letters keep their own copy of the payload). A dataset without destinations
 * keeps its records: nothing has delivered them. Delivery counters, runs and dead letters stay.
 *
 * Deletes go in chunks of RETENTION_CHUNK rows, each its own short statement, so pruning never
 * holds locks for long next to live delivery and ingest. Run daily by the worker's cron and by
 * `npm run retention`.
 */
import { getConfig } from "@/lib/config";
import { dbPool } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";

export const RETENTION_CHUNK = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type RetentionOptions = { now?: Date; retentionDays?: number; chunk?: number };
export type RetentionResult = { attempts: number; records: number; notifications: number };

export async function pruneOldDeliveryData(options: RetentionOptions = {}): Promise<RetentionResult> {
  const now = options.now ?? new Date();
  const days = options.retentionDays ?? getConfig().retentionDays;
  const chunk = options.chunk ?? RETENTION_CHUNK;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  return {
    attempts: await pruneAttempts(cutoff, chunk),
    records: await pruneDeliveredRecords(cutoff, chunk),
    notifications: await pruneNotifications(cutoff, chunk),
  };
}

/**
 * Alerts about a failed run or a failing episode go with age. Credential expiry alerts stay: the
 * expiry check raises an alert whose key it cannot find, so a pruned one would come back unread.
 */
async function pruneNotifications(cutoff: Date, chunk: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rowCount } = await dbPool().query(
      `DELETE FROM notifications WHERE id IN (
         SELECT id FROM notifications
          WHERE kind IN ('run_failed', 'destination_failing') AND created_at < ($1::timestamptz AT TIME ZONE 'UTC')
          LIMIT $2)`,
      [cutoff.toISOString(), chunk],
    );
    deleted += rowCount ?? 0;
    if ((rowCount ?? 0) < chunk) return deleted;
  }
}

async function pruneAttempts(cutoff: Date, chunk: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    // The BRIN index on started_at finds old attempts without scanning the log.
    const { rowCount } = await dbPool().query(
      `DELETE FROM delivery_attempts WHERE id IN (
         SELECT id FROM delivery_attempts WHERE started_at < ($1::timestamptz AT TIME ZONE 'UTC') LIMIT $2)`,
      [cutoff.toISOString(), chunk],
    );
    deleted += rowCount ?? 0;
    if ((rowCount ?? 0) < chunk) return deleted;
  }
}

/** The highest record id of each dataset that all its destinations have delivered. */
async function deliveredBounds(): Promise<{ datasetId: string; upTo: string }[]> {
  const { rows } = await dbPool().query<{ dataset_id: string; up_to: string | null }>(
    `SELECT d.dataset_id,
            least(min(d.cursor),
                  (SELECT min(x) - 1 FROM delivery_batches b, unnest(b.record_ids) x
                    WHERE b.destination_id IN (SELECT id FROM destinations e WHERE e.dataset_id = d.dataset_id)),
                  (SELECT min(x) - 1 FROM batch_job_checks c, unnest(c.record_ids) x
                    WHERE c.destination_id IN (SELECT id FROM destinations e WHERE e.dataset_id = d.dataset_id))
            )::text AS up_to
       FROM destinations d
      GROUP BY d.dataset_id`,
  );
  return rows
    .filter((row) => row.up_to !== null && BigInt(row.up_to) > 0n)
    .map((row) => ({ datasetId: row.dataset_id, upTo: row.up_to as string }));
}

async function pruneDeliveredRecords(cutoff: Date, chunk: number): Promise<number> {
  let deleted = 0;
  for (const { datasetId, upTo } of await deliveredBounds()) {
    for (;;) {
      const removed = await pruneRecordChunk(datasetId, upTo, cutoff, chunk);
      deleted += removed;
      if (removed < chunk) break;
    }
  }
  return deleted;
}

/**
 * Deletes the oldest delivered records of a dataset, up to `chunk`, and takes them off its
 * record_count in the same transaction. Records arrive in id order, so the walk stops at the first
 * one younger than the cutoff instead of reading every delivered record to find a few old ones.
 */
async function pruneRecordChunk(datasetId: string, upTo: string, cutoff: Date, chunk: number) {
  return inTransaction(async (client) => {
    const { rowCount } = await client.query(
      `WITH oldest AS (
         SELECT id, received_at < ($3::timestamptz AT TIME ZONE 'UTC') AS old
           FROM records WHERE dataset_id = $1 AND id <= $2::bigint
          ORDER BY id LIMIT $4),
       doomed AS (
         SELECT id FROM oldest
          WHERE old AND NOT EXISTS (SELECT 1 FROM oldest younger WHERE NOT younger.old AND younger.id < oldest.id))
       DELETE FROM records r USING doomed WHERE r.id = doomed.id`,
      [datasetId, upTo, cutoff.toISOString(), chunk],
    );
    const removed = rowCount ?? 0;
    if (removed > 0) {
      await client.query("UPDATE datasets SET record_count = greatest(record_count - $2, 0) WHERE id = $1", [
        datasetId,
        removed,
      ]);
    }
    return removed;
  });
}

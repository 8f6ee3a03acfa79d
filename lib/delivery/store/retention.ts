/**
 * What retention deletes (lib/delivery/retention.ts says what is kept and why): each statement
 * deletes at most one chunk, so pruning never holds locks for long next to live delivery.
 */
import { z } from "zod";
import { execute, type Queryable, selectRows } from "./db";

/** Alerts about a failed run or a failing episode older than `cutoff`; returns how many went. */
export async function deleteOldRunAlerts(db: Queryable, cutoff: Date, chunk: number): Promise<number> {
  return execute(
    db,
    `DELETE FROM notifications WHERE id IN (
       SELECT id FROM notifications
        WHERE kind IN ('run_failed', 'destination_failing') AND created_at < ($1::timestamptz AT TIME ZONE 'UTC')
        LIMIT $2)`,
    [cutoff.toISOString(), chunk],
  );
}

export async function deleteOldAttempts(db: Queryable, cutoff: Date, chunk: number): Promise<number> {
  // The BRIN index on started_at finds old attempts without scanning the log.
  return execute(
    db,
    `DELETE FROM delivery_attempts WHERE id IN (
       SELECT id FROM delivery_attempts WHERE started_at < ($1::timestamptz AT TIME ZONE 'UTC') LIMIT $2)`,
    [cutoff.toISOString(), chunk],
  );
}

/**
 * Per dataset with destinations, the highest record id all of them have delivered: at or below
 * every cursor and below every record a pending batch or batch job check still names. Null when
 * there is none.
 */
export async function listDeliveredBounds(
  db: Queryable,
): Promise<{ datasetId: string; upTo: string | null }[]> {
  return selectRows(
    db,
    z.object({ datasetId: z.string(), upTo: z.string().nullable() }),
    `SELECT d.dataset_id::text AS "datasetId",
            least(min(d.cursor),
                  (SELECT min(x) - 1 FROM delivery_batches b, unnest(b.record_ids) x
                    WHERE b.destination_id IN (SELECT id FROM destinations e WHERE e.dataset_id = d.dataset_id)),
                  (SELECT min(x) - 1 FROM batch_job_checks c, unnest(c.record_ids) x
                    WHERE c.destination_id IN (SELECT id FROM destinations e WHERE e.dataset_id = d.dataset_id))
            )::text AS "upTo"
       FROM destinations d
      GROUP BY d.dataset_id`,
  );
}

/**
 * Deletes the oldest delivered records of a dataset, up to `chunk`, and takes them off its
 * record_count; `db` is a transaction, so both commit together. Records arrive in id order, so
 * the walk stops at the first one younger than the cutoff instead of reading every delivered
 * record to find a few old ones.
 */
export async function deleteDeliveredRecords(
  db: Queryable,
  range: { datasetId: string; upTo: string; cutoff: Date; chunk: number },
): Promise<number> {
  const removed = await execute(
    db,
    `WITH oldest AS (
       SELECT id, received_at < ($3::timestamptz AT TIME ZONE 'UTC') AS old
         FROM records WHERE dataset_id = $1 AND id <= $2::bigint
        ORDER BY id LIMIT $4),
     doomed AS (
       SELECT id FROM oldest
        WHERE old AND NOT EXISTS (SELECT 1 FROM oldest younger WHERE NOT younger.old AND younger.id < oldest.id))
     DELETE FROM records r USING doomed WHERE r.id = doomed.id`,
    [range.datasetId, range.upTo, range.cutoff.toISOString(), range.chunk],
  );
  if (removed > 0) {
    await execute(db, "UPDATE datasets SET record_count = greatest(record_count - $2, 0) WHERE id = $1", [
      range.datasetId,
      removed,
    ]);
  }
  return removed;
}

/**
 * The delivery_batches table: requests planned and waiting to be sent, or sent again. A batch row
 * goes only once its outcome is stored (record-outcomes.ts), so a crash sends it again.
 */
import { execute, type Queryable } from "./db";

/** Activate: batches a pause or a failure left queued are sent in, and counted by, its run, now. */
export async function moveQueuedBatchesToRun(
  db: Queryable,
  destinationId: string,
  runId: string,
): Promise<void> {
  await execute(
    db,
    "UPDATE delivery_batches SET run_id = $2, next_attempt_at = now() AT TIME ZONE 'UTC' WHERE destination_id = $1",
    [destinationId, runId],
  );
}

/** Run Now: retries waiting for their backoff are due at once. */
export async function makeQueuedBatchesDue(db: Queryable, destinationId: string): Promise<void> {
  await execute(
    db,
    "UPDATE delivery_batches SET next_attempt_at = now() AT TIME ZONE 'UTC' WHERE destination_id = $1",
    [destinationId],
  );
}

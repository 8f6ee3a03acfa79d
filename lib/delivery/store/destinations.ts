/**
 * What delivery reads and writes on a destination row: its status as the destination model moves
 * it, its cursor (the last record turned into batches), and whether it has work waiting. Settings
 * and versions belong to lib/destinations.
 */
import { z } from "zod";
import { DeliverySchedule, DestinationStatus } from "@/lib/db/generated/enums";
import type { DestinationFailure, DestinationState } from "../model/destination-state";
import { OPEN_RUN_STATES } from "../model/run-state";
import { execute, type Queryable, selectRow, selectRows } from "./db";
import type { WALK_RECORDS_BY_ID } from "./records";
import { WORK_DUE } from "./work-due";

/** The destination's status now, or null when it is gone. */
export async function readDestinationStatus(
  db: Queryable,
  destinationId: string,
): Promise<DestinationState | null> {
  const row = await selectRow(
    db,
    z.object({ status: z.enum(DestinationStatus) }),
    "SELECT status FROM destinations WHERE id = $1",
    [destinationId],
  );
  return row?.status ?? null;
}

/** Moves a destination to `status` (the model decided it may). */
export async function setDestinationStatus(
  db: Queryable,
  destinationId: string,
  status: DestinationState,
): Promise<void> {
  await execute(
    db,
    "UPDATE destinations SET status = $2, updated_at = now() AT TIME ZONE 'UTC' WHERE id = $1",
    [destinationId, status],
  );
}

/** Activate: the new status, the failing episode and its count of failed runs cleared. */
export async function resumeDestination(
  db: Queryable,
  destinationId: string,
  change: { status: DestinationState; nextScheduledAt: Date | null },
): Promise<void> {
  await execute(
    db,
    `UPDATE destinations SET status = $2, failing_reason = NULL, failing_since = NULL, failing_cause = NULL, consecutive_failed_runs = 0,
            next_scheduled_at = $3::timestamptz AT TIME ZONE 'UTC', updated_at = now() AT TIME ZONE 'UTC'
      WHERE id = $1`,
    [destinationId, change.status, change.nextScheduledAt?.toISOString() ?? null],
  );
}

/**
 * Moves a destination in one of `from` to the failing status `to`, with the reason and since when;
 * false when it was in none of them (already failing, paused meanwhile).
 */
export async function markDestinationFailing(
  db: Queryable,
  destinationId: string,
  change: {
    from: readonly DestinationState[];
    to: DestinationState;
    cause: DestinationFailure;
    reason: string;
    since: Date;
  },
): Promise<boolean> {
  const moved = await execute(
    db,
    `UPDATE destinations SET status = $3, failing_reason = $4, failing_since = $5::timestamptz AT TIME ZONE 'UTC',
            failing_cause = $6, updated_at = now() AT TIME ZONE 'UTC'
      WHERE id = $1 AND status = ANY($2::"DestinationStatus"[])`,
    [destinationId, change.from, change.to, change.reason, change.since.toISOString(), change.cause],
  );
  return moved > 0;
}

/**
 * The destination's cursor, its row locked for the transaction `db` is in, which orders planning
 * against Activate, Pause and edits. Null when the destination is gone.
 */
export async function lockCursor(
  db: Queryable,
  destinationId: string,
  alsoSelect?: typeof WALK_RECORDS_BY_ID,
): Promise<string | null> {
  const row = await selectRow(
    db,
    z.object({ cursor: z.string() }),
    // NO KEY: outcomes recorded meanwhile (rows referencing the destination) need not wait.
    `SELECT ${alsoSelect ? `${alsoSelect}, ` : ""}cursor::text AS cursor FROM destinations WHERE id = $1 FOR NO KEY UPDATE`,
    [destinationId],
  );
  return row?.cursor ?? null;
}

export async function advanceCursor(db: Queryable, destinationId: string, cursor: string): Promise<void> {
  await execute(db, "UPDATE destinations SET cursor = $2 WHERE id = $1", [destinationId, cursor]);
}

/** Whether records arrived past the destination's cursor. */
export async function hasRecordsPastCursor(db: Queryable, destinationId: string): Promise<boolean> {
  const found = await execute(
    db,
    `SELECT 1 FROM destinations d
      WHERE d.id = $1 AND EXISTS (SELECT 1 FROM records r WHERE r.dataset_id = d.dataset_id AND r.id > d.cursor)`,
    [destinationId],
  );
  return found > 0;
}

/** Whether a destination in one of `states` has something to do right now (WORK_DUE). */
export async function hasWorkNow(
  db: Queryable,
  destinationId: string,
  states: readonly DestinationState[],
): Promise<boolean> {
  const found = await execute(
    db,
    `SELECT 1 FROM destinations d WHERE d.id = $1 AND d.status = ANY($2::"DestinationStatus"[]) AND ${WORK_DUE}`,
    [destinationId, states],
  );
  return found > 0;
}

/**
 * Destinations in one of `states` with work due or a run open: a run whose work is done is closed
 * by the job that finds it.
 */
export async function listDestinationsToWake(
  db: Queryable,
  states: readonly DestinationState[],
): Promise<string[]> {
  const rows = await selectRows(
    db,
    z.object({ id: z.string() }),
    `SELECT d.id::text AS id FROM destinations d
      WHERE d.status = ANY($1::"DestinationStatus"[])
        AND (${WORK_DUE} OR EXISTS (SELECT 1 FROM runs u WHERE u.destination_id = d.id
                                      AND u.status = ANY($2::"RunStatus"[])))`,
    [states, OPEN_RUN_STATES],
  );
  return rows.map((row) => row.id);
}

export async function destinationExists(db: Queryable, destinationId: string): Promise<boolean> {
  return (await execute(db, "SELECT 1 FROM destinations WHERE id = $1", [destinationId])) === 1;
}

/**
 * The records of destination `param` still to be delivered: past its cursor (not yet built into
 * requests) or in a queued request. The one definition of "records waiting", for every screen.
 */
export function recordsWaitingSql(param: string): string {
  return `((SELECT count(*) FROM records r JOIN destinations d ON r.dataset_id = d.dataset_id
             WHERE d.id = ${param} AND r.id > d.cursor)
           + (SELECT coalesce(sum(cardinality(b.record_ids)), 0) FROM delivery_batches b
               WHERE b.destination_id = ${param}))`;
}

export type QueueCounts = {
  /** Records not yet delivered nor failed: not yet built into requests, or in a queued request. */
  recordsWaiting: number;
  /** Requests built and waiting to be sent (or sent again). */
  requestsQueued: number;
  /** The earliest retry waiting for its time. */
  nextRetryAt: Date | null;
  deadLetters: number;
};

/** What the destination page says about its queue, in one statement. */
export async function readQueueCounts(db: Queryable, destination: { id: string }): Promise<QueueCounts> {
  const row = await selectRow(
    db,
    z.object({
      recordsWaiting: z.coerce.number(),
      requestsQueued: z.coerce.number(),
      nextRetryAt: z.date().nullable(),
      deadLetters: z.coerce.number(),
    }),
    `SELECT ${recordsWaitingSql("$1")} AS "recordsWaiting",
            (SELECT count(*) FROM delivery_batches b WHERE b.destination_id = $1) AS "requestsQueued",
            (SELECT min(next_attempt_at) AT TIME ZONE 'UTC' FROM delivery_batches b
              WHERE b.destination_id = $1 AND b.attempts > 0) AS "nextRetryAt",
            (SELECT count(*) FROM dead_letters l WHERE l.destination_id = $1) AS "deadLetters"`,
    [destination.id],
  );
  return row ?? { recordsWaiting: 0, requestsQueued: 0, nextRetryAt: null, deadLetters: 0 };
}

const scheduledDestinationSchema = z.object({
  id: z.string(),
  currentVersion: z.number(),
  datasetId: z.string(),
  schedule: z.enum(DeliverySchedule),
  scheduleIntervalMinutes: z.number().nullable(),
  scheduleCron: z.string().nullable(),
});

export type ScheduledDestination = z.output<typeof scheduledDestinationSchema>;

/** Destinations in one of `states`, on a schedule, whose next run is due at `now`. */
export async function listDueScheduled(
  db: Queryable,
  states: readonly DestinationState[],
  now: Date,
): Promise<ScheduledDestination[]> {
  return selectRows(
    db,
    scheduledDestinationSchema,
    `SELECT id::text AS id, current_version AS "currentVersion", dataset_id::text AS "datasetId", schedule,
            schedule_interval_minutes AS "scheduleIntervalMinutes", schedule_cron AS "scheduleCron"
       FROM destinations
      WHERE status = ANY($1::"DestinationStatus"[]) AND schedule <> 'continuous'
        AND next_scheduled_at <= $2::timestamptz AT TIME ZONE 'UTC'`,
    [states, now.toISOString()],
  );
}

/**
 * Claims a due scheduled run by moving the next time forward, so two sweeps never start the same
 * run; false when another sweep moved it first.
 */
export async function claimScheduledRun(
  db: Queryable,
  destinationId: string,
  slot: { dueAt: Date; next: Date | null },
): Promise<boolean> {
  const claimed = await execute(
    db,
    `UPDATE destinations SET next_scheduled_at = $3::timestamptz AT TIME ZONE 'UTC',
            updated_at = now() AT TIME ZONE 'UTC'
      WHERE id = $1 AND next_scheduled_at <= $2::timestamptz AT TIME ZONE 'UTC'`,
    [destinationId, slot.dueAt.toISOString(), slot.next?.toISOString() ?? null],
  );
  return claimed > 0;
}

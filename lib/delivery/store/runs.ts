/**
 * The runs table: opening a run, reading the open ones, and ending them. Which statuses count as
 * open and where an event moves a run come from the run model; this module only writes them.
 * Counters are in counters.ts.
 */
import { z } from "zod";
import { RunStatus, RunTrigger } from "@/lib/db/generated/enums";
import type { DestinationFailure } from "../model/destination-state";
import { OPEN_RUN_STATES, RUN_OPENS_AS, runMachine } from "../model/run-state";
import { execute, type Queryable, selectRow, selectRows } from "./db";
import { recordsWaitingSql } from "./destinations";

const runTriggerSchema = z.enum(RunTrigger);

/** A bigint column selected as text (node-postgres would otherwise hand it over as a string anyway). */
const bigintText = z
  .string()
  .nullable()
  .transform((value) => (value === null ? null : BigInt(value)));

export type OpenRun = { id: string; trigger: RunTrigger; upToRecordId: bigint | null };

const openRunSchema = z.object({ id: z.string(), trigger: runTriggerSchema, upToRecordId: bigintText });

const OPEN_RUN_COLUMNS = `id::text AS id, trigger, up_to_record_id::text AS "upToRecordId"`;

/** Opens a run with the model's opening status. */
export async function openRun(
  db: Queryable,
  run: { destinationId: string; version: number; trigger: RunTrigger; upToRecordId?: bigint | null },
): Promise<OpenRun> {
  const opened = await selectRow(
    db,
    openRunSchema,
    `INSERT INTO runs (id, destination_id, trigger, version, up_to_record_id, status)
     VALUES (gen_random_uuid(), $1, $2, $3, $4::bigint, $5)
     RETURNING ${OPEN_RUN_COLUMNS}`,
    [run.destinationId, run.trigger, run.version, run.upToRecordId?.toString() ?? null, RUN_OPENS_AS],
  );
  if (!opened) throw new Error("Opening a run returned no row.");
  return opened;
}

/** A destination's open runs, newest first. */
export async function listOpenRuns(db: Queryable, destinationId: string): Promise<OpenRun[]> {
  return selectRows(
    db,
    openRunSchema,
    `SELECT ${OPEN_RUN_COLUMNS} FROM runs
      WHERE destination_id = $1 AND status = ANY($2::"RunStatus"[])
      ORDER BY started_at DESC`,
    [destinationId, OPEN_RUN_STATES],
  );
}

/** How many runs of a destination are open, leaving out Retry Failed Records runs. */
export async function countOpenRunsBesidesRetries(db: Queryable, destinationId: string): Promise<number> {
  const row = await selectRow(
    db,
    z.object({ count: z.number() }),
    `SELECT count(*)::int AS count FROM runs
      WHERE destination_id = $1 AND status = ANY($2::"RunStatus"[]) AND trigger <> 'retry'`,
    [destinationId, OPEN_RUN_STATES],
  );
  return row?.count ?? 0;
}

export type SettledRun = {
  id: string;
  trigger: RunTrigger;
  recordsDelivered: number;
  recordsFailed: number;
  lastError: string | null;
};

/** Of these runs, the open ones with nothing left in flight: no batch queued, no job to poll. */
export async function listSettledRuns(db: Queryable, runIds: string[]): Promise<SettledRun[]> {
  return selectRows(
    db,
    z.object({
      id: z.string(),
      trigger: runTriggerSchema,
      recordsDelivered: z.number(),
      recordsFailed: z.number(),
      lastError: z.string().nullable(),
    }),
    `SELECT r.id::text AS id, r.trigger, r.records_delivered AS "recordsDelivered",
            r.records_failed AS "recordsFailed", r.last_error AS "lastError"
       FROM runs r
      WHERE r.id = ANY($1::uuid[]) AND r.status = ANY($2::"RunStatus"[])
        AND NOT EXISTS (SELECT 1 FROM delivery_batches b WHERE b.run_id = r.id)
        AND NOT EXISTS (SELECT 1 FROM batch_job_checks c WHERE c.run_id = r.id)`,
    [runIds, OPEN_RUN_STATES],
  );
}

/** Ends an open run with `status`; false when it had ended already. */
export async function finishRun(db: Queryable, runId: string, status: RunStatus): Promise<boolean> {
  const finished = await execute(
    db,
    `UPDATE runs SET status = $2, finished_at = now() AT TIME ZONE 'UTC'
      WHERE id = $1 AND status = ANY($3::"RunStatus"[])`,
    [runId, status, OPEN_RUN_STATES],
  );
  return finished > 0;
}

/** Ends a destination's open runs as cancelled: Pause stops them, Activate replaces them. */
export async function cancelOpenRuns(db: Queryable, destinationId: string): Promise<number> {
  return execute(
    db,
    `UPDATE runs SET status = $2, finished_at = now() AT TIME ZONE 'UTC'
      WHERE destination_id = $1 AND status = ANY($3::"RunStatus"[])`,
    [destinationId, runMachine.target("cancel"), runMachine.fromStates("cancel")],
  );
}

/** Ends a destination's open runs as failed, with the reason as their last error. */
/**
 * Ends the destination's open runs as failed because it stopped sending (`cause`), noting how many
 * of its records were still waiting then: those not yet built into requests and those queued.
 */
export async function failOpenRuns(
  db: Queryable,
  destinationId: string,
  reason: string,
  cause: DestinationFailure,
): Promise<number> {
  return execute(
    db,
    `UPDATE runs SET status = $2, finished_at = now() AT TIME ZONE 'UTC', last_error = $4, stopped_by = $5,
            records_waiting_at_stop = ${recordsWaitingSql("$1")}
      WHERE destination_id = $1 AND status = ANY($3::"RunStatus"[])`,
    [destinationId, runMachine.target("fail"), runMachine.fromStates("fail"), reason, cause],
  );
}

/** Says why a run looks as it does, without changing its counts. */
export async function setRunLastError(db: Queryable, runId: string, message: string): Promise<void> {
  await execute(db, "UPDATE runs SET last_error = $2 WHERE id = $1", [runId, message]);
}

const runSummarySchema = z.object({
  id: z.string(),
  trigger: runTriggerSchema,
  version: z.number(),
  status: z.enum(RunStatus),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  recordsPlanned: z.number(),
  recordsAttempted: z.number(),
  recordsDelivered: z.number(),
  recordsFailed: z.number(),
  recordsSkipped: z.number(),
  requestsAttempted: z.number(),
  requestsDelivered: z.number(),
  requestsFailed: z.number(),
  lastError: z.string().nullable(),
  versionsSent: z.array(z.number()),
  stoppedBy: z.string().nullable(),
});

export type RunSummary = z.output<typeof runSummarySchema>;

/** A page of a destination's runs, newest first, and how many there are in all. */
export async function listRunPage(
  db: Queryable,
  destinationId: string,
  page: { offset: number; limit: number },
): Promise<{ total: number; runs: RunSummary[] }> {
  const [counted, runs] = await Promise.all([
    selectRow(
      db,
      z.object({ total: z.number() }),
      "SELECT count(*)::int AS total FROM runs WHERE destination_id = $1",
      [destinationId],
    ),
    selectRows(
      db,
      runSummarySchema,
      `SELECT id::text AS id, trigger, version, status, started_at AT TIME ZONE 'UTC' AS "startedAt",
              finished_at AT TIME ZONE 'UTC' AS "finishedAt", records_planned AS "recordsPlanned",
              records_attempted AS "recordsAttempted", records_delivered AS "recordsDelivered",
              records_failed AS "recordsFailed", records_skipped AS "recordsSkipped",
              requests_attempted AS "requestsAttempted", requests_delivered AS "requestsDelivered",
              requests_failed AS "requestsFailed", last_error AS "lastError", versions_sent AS "versionsSent",
              stopped_by AS "stoppedBy"
         FROM runs WHERE destination_id = $1
        ORDER BY started_at DESC OFFSET $2 LIMIT $3`,
      [destinationId, page.offset, page.limit],
    ),
  ]);
  return { total: counted?.total ?? 0, runs };
}

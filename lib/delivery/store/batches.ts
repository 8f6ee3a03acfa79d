/**
 * The delivery_batches table: requests planned and waiting to be sent, or sent again. A batch row
 * goes only once its outcome is stored (record-outcomes.ts), so a crash sends it again.
 */

import { z } from "zod";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { stringifyJson } from "@/lib/json/exact-json";
import { execute, type Queryable, selectRows } from "./db";

/** A request before auth, as kept on a batch row that cannot be built again from its records. */
export type BatchRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
};

/**
 * A batch as queued. `request` is kept only for batches whose records carry their own payloads
 * and for batches queued before requests were built at send time; the others are built from
 * their records with the batch's version and sent with `idempotencyKey`.
 */
export type QueuedBatch = {
  id: string;
  runId: string;
  version: number;
  recordIds: string[];
  request: BatchRequest | null;
  payloads: Record<string, DataRecord> | null;
  idempotencyKey: string | null;
  attempts: number;
  /**
   * A worker was about to send it and stopped before recording the outcome: the API may have
   * received it already, so this send is a resend (with the same Idempotency-Key).
   */
  resend: boolean;
};

/** A batch row as claimDueBatches selects it. */
type QueuedBatchRow = {
  id: unknown;
  runId: unknown;
  version: unknown;
  recordIds: unknown;
  request: unknown;
  payloads: unknown;
  idempotencyKey: unknown;
  attempts: unknown;
  resend: unknown;
};

/**
 * Checked by hand, not with zod: every wave reads up to WAVE_SIZE of these rows, each with up to
 * a batch's worth of record ids, and the shape of each column is what needs checking, not every
 * id in it (Postgres types them: `record_ids::text[]`).
 */
function toQueuedBatch(row: QueuedBatchRow): QueuedBatch {
  const { id, runId, version, recordIds, request, payloads, idempotencyKey, attempts, resend } = row;
  if (
    typeof id !== "string" ||
    typeof runId !== "string" ||
    typeof version !== "number" ||
    !Array.isArray(recordIds) ||
    typeof attempts !== "number" ||
    typeof resend !== "boolean" ||
    (idempotencyKey !== null && typeof idempotencyKey !== "string") ||
    (request !== null && typeof request !== "object") ||
    (payloads !== null && typeof payloads !== "object")
  ) {
    throw new Error(`delivery_batches row ${String(id)} does not have the expected columns.`);
  }
  return {
    id,
    runId,
    version,
    recordIds: recordIds as string[],
    request: request as BatchRequest | null,
    payloads: payloads as Record<string, DataRecord> | null,
    idempotencyKey,
    attempts,
    resend,
  };
}

/** A destination's batches due now, oldest due first: one statement per wave. */
export async function claimDueBatches(
  db: Queryable,
  destinationId: string,
  limit: number,
): Promise<QueuedBatch[]> {
  const { rows } = await db.query<QueuedBatchRow>(
    `SELECT b.id::text AS id, b.run_id::text AS "runId", b.version, b.record_ids::text[] AS "recordIds", b.request,
            b.payloads, b.idempotency_key AS "idempotencyKey", b.attempts,
            b.send_started_at IS NOT NULL AS resend
       FROM delivery_batches b
      WHERE b.destination_id = $1 AND b.next_attempt_at <= now() AT TIME ZONE 'UTC'
      ORDER BY b.next_attempt_at, b.id
      LIMIT $2`,
    [destinationId, limit],
  );
  return rows.map(toQueuedBatch);
}

/** A batch to queue: the dataset records it carries and its Idempotency-Key. */
export type NewBatch = {
  recordIds: string[];
  idempotencyKey: string | null;
  /** Null: built from the records when sent. */
  request: { method: string; url: string; headers?: Record<string, string>; body: string | null } | null;
  /** Only for records whose payload is not the dataset's (edited dead letters). */
  payloads?: Record<string, DataRecord>;
};

/** Queues batches of a run in one statement, in the order given; returns their ids in that order. */
export async function insertBatches(
  db: Queryable,
  batch: { destinationId: string; runId: string; version: number },
  batches: NewBatch[],
): Promise<string[]> {
  if (batches.length === 0) return [];
  const rows = await selectRows(
    db,
    z.object({ id: z.string() }),
    `INSERT INTO delivery_batches (destination_id, run_id, version, record_ids, idempotency_key, request, payloads)
     SELECT $1, $2, $3, ARRAY(SELECT json_array_elements_text(b.record_ids)::bigint), b.idempotency_key,
            b.request, b.payloads
       FROM ROWS FROM (json_to_recordset($4::json)
                       AS ("recordIds" json, "idempotencyKey" text, request jsonb, payloads json))
            WITH ORDINALITY AS b(record_ids, idempotency_key, request, payloads, position)
      ORDER BY b.position
     RETURNING id::text`,
    [batch.destinationId, batch.runId, batch.version, stringifyJson(batches)],
  );
  // Ids are drawn in insertion order, which is the order given.
  return rows.map((row) => row.id).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Takes these batches off the queue, to be queued again as built now; with `onlyOlderThan`, only
 * those queued under an earlier version. Returns the ids taken.
 */
export async function takeBatches(
  db: Queryable,
  ids: string[],
  onlyOlderThan: number | null,
): Promise<Set<string>> {
  const rows = await selectRows(
    db,
    z.object({ id: z.string() }),
    `DELETE FROM delivery_batches WHERE id = ANY($1::bigint[]) AND (NOT $3 OR version < $2)
     RETURNING id::text`,
    [ids, onlyOlderThan ?? 0, onlyOlderThan !== null],
  );
  return new Set(rows.map((row) => row.id));
}

/** Batches whose outcome is stored for good: delivered or failed. */
export async function deleteBatches(db: Queryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await execute(db, "DELETE FROM delivery_batches WHERE id = ANY($1::bigint[])", [ids]);
}

/** These batches are about to be sent: until their outcome is stored, a crash leaves them marked. */
export async function markSendStarted(db: Queryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await execute(
    db,
    "UPDATE delivery_batches SET send_started_at = now() AT TIME ZONE 'UTC' WHERE id = ANY($1::bigint[])",
    [ids],
  );
}

/** These batches were not sent after all, or their outcome keeps them queued: no longer in flight. */
export async function clearSendStarted(db: Queryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await execute(db, "UPDATE delivery_batches SET send_started_at = NULL WHERE id = ANY($1::bigint[])", [ids]);
}

/** Batches to send again at a later time, after `attempts` attempts; one statement for all. */
export async function postponeBatches(
  db: Queryable,
  retries: { id: string; attempts: number; at: string }[],
): Promise<void> {
  if (retries.length === 0) return;
  await execute(
    db,
    `UPDATE delivery_batches b SET attempts = r.attempts, next_attempt_at = r.at AT TIME ZONE 'UTC',
            send_started_at = NULL
       FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, attempts int, at timestamptz)
      WHERE b.id = r.id`,
    [JSON.stringify(retries)],
  );
}

/** When the destination's next batch or batch job is due, or null when none waits. */
export async function nextDueAt(db: Queryable, destinationId: string): Promise<Date | null> {
  const rows = await selectRows(
    db,
    z.object({ at: z.date().nullable() }),
    `SELECT least((SELECT min(next_attempt_at) FROM delivery_batches WHERE destination_id = $1),
                  (SELECT min(next_check_at) FROM batch_job_checks WHERE destination_id = $1))
            AT TIME ZONE 'UTC' AS at`,
    [destinationId],
  );
  return rows[0]?.at ?? null;
}

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

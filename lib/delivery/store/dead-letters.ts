/**
 * The dead_letters table as delivery writes it: records that could not be delivered, with the
 * reason, and their removal when Retry Failed Records queues them again.
 */

import { z } from "zod";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { stringifyJson } from "@/lib/json/exact-json";
import { execute, type Queryable, selectRow, selectRows } from "./db";

export type NewDeadLetter = {
  recordId: string | null;
  payload: DataRecord;
  reason: string;
  lastStatus?: number | null;
  lastResponse?: string | null;
  attempts?: number;
};

/** Adds failed records of a run in one statement. */
export async function insertDeadLetters(
  db: Queryable,
  destinationId: string,
  runId: string,
  letters: NewDeadLetter[],
): Promise<void> {
  if (letters.length === 0) return;
  await execute(
    db,
    `INSERT INTO dead_letters (destination_id, run_id, record_id, payload, reason, last_status, last_response, attempts)
     SELECT $1, $2, l."recordId"::bigint, l.payload, l.reason, l."lastStatus", l."lastResponse", coalesce(l.attempts, 0)
       FROM json_to_recordset($3::json)
            AS l("recordId" text, payload json, reason text, "lastStatus" int, "lastResponse" text, attempts int)`,
    [destinationId, runId, stringifyJson(letters)],
  );
}

/** Any JSON object, passed on as it came: the record keeps its keys' order and its values. */
const dataRecordSchema = z.custom<DataRecord>(
  (value) => value !== null && typeof value === "object" && !Array.isArray(value),
  "A dead letter's payload is a JSON object.",
);

export type TakenDeadLetter = { id: string; recordId: string | null; payload: DataRecord };

/**
 * Which of a destination's dead letters: these ids (null: any), with one of these reasons (null:
 * any), holding this text in the reason or the record (null: any).
 */
export type DeadLetterScope = { ids: string[] | null; reasons?: string[] | null; text?: string | null };

/** The scope as SQL conditions on `dead_letters`, its parameters numbered from `first`. */
function scopeCondition(scope: DeadLetterScope, first: number): { sql: string; params: unknown[] } {
  return {
    sql: `($${first}::bigint[] IS NULL OR id = ANY($${first}::bigint[]))
      AND ($${first + 1}::text[] IS NULL OR reason = ANY($${first + 1}::text[]))
      AND ($${first + 2}::text IS NULL OR strpos(lower(reason), lower($${first + 2})) > 0
           OR strpos(lower(payload::text), lower($${first + 2})) > 0)`,
    params: [scope.ids, scope.reasons ?? null, scope.text || null],
  };
}

/** Takes a destination's dead letters (those in scope) out of the dead letter, oldest first. */
export async function takeDeadLetters(
  db: Queryable,
  destinationId: string,
  scope: DeadLetterScope,
): Promise<TakenDeadLetter[]> {
  const condition = scopeCondition(scope, 2);
  const rows = await selectRows(
    db,
    z.object({ id: z.string(), recordId: z.string().nullable(), payload: dataRecordSchema }),
    `DELETE FROM dead_letters WHERE destination_id = $1 AND ${condition.sql}
     RETURNING id::text, record_id::text AS "recordId", payload`,
    [destinationId, ...condition.params],
  );
  return rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
}

const deadLetterSchema = z.object({
  id: z.string(),
  recordId: z.string().nullable(),
  /** The record's number in its dataset; null once the record itself is deleted. */
  recordNumber: z.number().nullable(),
  payload: dataRecordSchema,
  edited: z.boolean(),
  reason: z.string(),
  lastStatus: z.number().nullable(),
  lastResponse: z.string().nullable(),
  attempts: z.number(),
  createdAt: z.date(),
});

export type DeadLetter = z.output<typeof deadLetterSchema>;

/** A page of a destination's dead letters in scope, newest first, and how many are in scope. */
export async function listDeadLetterPage(
  db: Queryable,
  destinationId: string,
  page: { offset: number; limit: number },
  scope: DeadLetterScope = { ids: null },
): Promise<{ total: number; letters: DeadLetter[] }> {
  const counting = scopeCondition(scope, 2);
  const listing = scopeCondition(scope, 4);
  const [counted, letters] = await Promise.all([
    selectRow(
      db,
      z.object({ total: z.number() }),
      `SELECT count(*)::int AS total FROM dead_letters WHERE destination_id = $1 AND ${counting.sql}`,
      [destinationId, ...counting.params],
    ),
    selectRows(
      db,
      deadLetterSchema,
      `SELECT id::text AS id, record_id::text AS "recordId",
              (SELECT r.position::double precision FROM records r WHERE r.id = record_id) AS "recordNumber",
              payload, edited, reason, last_status AS "lastStatus",
              last_response AS "lastResponse", attempts, created_at AT TIME ZONE 'UTC' AS "createdAt"
         FROM dead_letters WHERE destination_id = $1 AND ${listing.sql}
        -- By the column: ORDER BY id would sort the text it is selected as ("10" before "9").
        ORDER BY dead_letters.id DESC OFFSET $2 LIMIT $3`,
      [destinationId, page.offset, page.limit, ...listing.params],
    ),
  ]);
  return { total: counted?.total ?? 0, letters };
}

/** Replaces a dead letter's payload, marked as edited; false when it is no longer there. */
export async function replaceDeadLetterPayload(
  db: Queryable,
  destinationId: string,
  id: string,
  payload: DataRecord,
): Promise<boolean> {
  const changed = await execute(
    db,
    "UPDATE dead_letters SET payload = $3::json, edited = true WHERE id = $1 AND destination_id = $2",
    [id, destinationId, stringifyJson(payload)],
  );
  return changed > 0;
}

/** Deletes a destination's dead letters in scope; returns how many went. */
export async function deleteDeadLetters(
  db: Queryable,
  destinationId: string,
  scope: DeadLetterScope,
): Promise<number> {
  const condition = scopeCondition(scope, 2);
  return execute(db, `DELETE FROM dead_letters WHERE destination_id = $1 AND ${condition.sql}`, [
    destinationId,
    ...condition.params,
  ]);
}

/** How many of a destination's dead letters have each reason, as written. */
export async function countDeadLetterReasons(
  db: Queryable,
  destinationId: string,
): Promise<{ reason: string; count: number }[]> {
  return selectRows(
    db,
    z.object({ reason: z.string(), count: z.number() }),
    "SELECT reason, count(*)::int AS count FROM dead_letters WHERE destination_id = $1 GROUP BY reason",
    [destinationId],
  );
}

/** Up to `limit` dead letters in scope after the id `after`, oldest first: for exports, page by page. */
export async function readDeadLettersAfter(
  db: Queryable,
  destinationId: string,
  after: string,
  limit: number,
  scope: DeadLetterScope,
): Promise<DeadLetter[]> {
  const condition = scopeCondition(scope, 4);
  return selectRows(
    db,
    deadLetterSchema,
    `SELECT id::text AS id, record_id::text AS "recordId",
            (SELECT r.position::double precision FROM records r WHERE r.id = record_id) AS "recordNumber",
            payload, edited, reason, last_status AS "lastStatus",
            last_response AS "lastResponse", attempts, created_at AT TIME ZONE 'UTC' AS "createdAt"
       FROM dead_letters WHERE destination_id = $1 AND id > $2::bigint AND ${condition.sql}
      ORDER BY dead_letters.id LIMIT $3`,
    [destinationId, after, limit, ...condition.params],
  );
}

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

/** Takes a destination's dead letters (all, or these ids) out of the dead letter, oldest first. */
export async function takeDeadLetters(
  db: Queryable,
  destinationId: string,
  ids: string[] | null,
): Promise<TakenDeadLetter[]> {
  const rows = await selectRows(
    db,
    z.object({ id: z.string(), recordId: z.string().nullable(), payload: dataRecordSchema }),
    `DELETE FROM dead_letters WHERE destination_id = $1 AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))
     RETURNING id::text, record_id::text AS "recordId", payload`,
    [destinationId, ids],
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

/** A page of a destination's dead letters, newest first, and how many there are in all. */
export async function listDeadLetterPage(
  db: Queryable,
  destinationId: string,
  page: { offset: number; limit: number },
): Promise<{ total: number; letters: DeadLetter[] }> {
  const [counted, letters] = await Promise.all([
    selectRow(
      db,
      z.object({ total: z.number() }),
      "SELECT count(*)::int AS total FROM dead_letters WHERE destination_id = $1",
      [destinationId],
    ),
    selectRows(
      db,
      deadLetterSchema,
      `SELECT id::text AS id, record_id::text AS "recordId",
              (SELECT r.position::double precision FROM records r WHERE r.id = record_id) AS "recordNumber",
              payload, edited, reason, last_status AS "lastStatus",
              last_response AS "lastResponse", attempts, created_at AT TIME ZONE 'UTC' AS "createdAt"
         FROM dead_letters WHERE destination_id = $1
        ORDER BY id DESC OFFSET $2 LIMIT $3`,
      [destinationId, page.offset, page.limit],
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

/** Deletes a destination's dead letters (all, or these ids); returns how many went. */
export async function deleteDeadLetters(
  db: Queryable,
  destinationId: string,
  ids: string[] | null,
): Promise<number> {
  return execute(
    db,
    "DELETE FROM dead_letters WHERE destination_id = $1 AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))",
    [destinationId, ids],
  );
}

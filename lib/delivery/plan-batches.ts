/**
 * Turns the records past a destination's cursor into batches (batch-records.ts), stored with the
 * cursor's advance in one transaction. From then on a record is either
 * past the cursor or in a batch (or in the dead letter), whatever crashes.
 */

import type pg from "pg";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { inTransaction } from "@/lib/db/transaction";
import { toOutbound } from "@/lib/destinations/outbound-request";
import type { BuiltRequest, RecordProblem } from "@/lib/payload";
import { batchRecords } from "./batch-records";
import type { DeliveryContext } from "./delivery-context";

const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** Records read per planning transaction: about 100 requests' worth, within these bounds. */
const MIN_CHUNK_RECORDS = 1000;
const MAX_CHUNK_RECORDS = 10_000;

export function chunkRecords(context: Pick<DeliveryContext, "config">): number {
  const { batching } = context.config.endpoint;
  const perRequest = batching.enabled ? batching.size : 1;
  return Math.min(MAX_CHUNK_RECORDS, Math.max(MIN_CHUNK_RECORDS, perRequest * 100));
}

export type PlanResult = { records: number };

/**
 * Plans the next chunk into `runId`. `upTo` bounds scheduled and manual runs to the records that
 * existed when they started. Returns how many records were taken (0: nothing left to plan).
 */
export async function planNextChunk(
  context: DeliveryContext,
  runId: string,
  upTo: bigint | null,
): Promise<PlanResult> {
  // Nothing written before an early return: its commit ends the transaction as a rollback would.
  return inTransaction(async (client) => {
    // The row lock orders this against Activate, Pause and edits of the destination.
    const { rows: locked } = await client.query<{ cursor: string }>(
      // NO KEY: outcomes recorded meanwhile (rows referencing the destination) need not wait.
      "SELECT cursor FROM destinations WHERE id = $1 FOR NO KEY UPDATE",
      [context.id],
    );
    const cursor = locked[0]?.cursor;
    if (cursor === undefined) {
      return { records: 0 };
    }
    // Right after a bulk ingest the table's statistics are stale: the planner then expects a few
    // hundred rows past the cursor, fetches all of them by bitmap and sorts (measured: 140 ms for
    // 1000 of 160,000). Walking the (dataset_id, id) index from the cursor is always right here.
    await client.query("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off");
    // Ordered by the column, not the text it is selected as ("10" sorts before "9").
    const { rows } = await client.query<{ id: string; data: DataRecord }>(
      `SELECT r.id::text AS id, r.data FROM records r
        WHERE r.dataset_id = $1 AND r.id > $2 AND r.id <= $3
        ORDER BY r.dataset_id, r.id LIMIT $4`,
      [context.datasetId, cursor, (upTo ?? MAX_BIGINT).toString(), chunkRecords(context)],
    );
    if (rows.length === 0) {
      return { records: 0 };
    }
    await batchRecords(client, context, runId, rows, { planned: rows.length });
    await client.query("UPDATE destinations SET cursor = $2 WHERE id = $1", [context.id, rows.at(-1)?.id]);
    return { records: rows.length };
  });
}

/**
 * A built request as a batch row: the dataset records it carries and its Idempotency-Key, from
 * which the same request is built again when it is sent. Records that carry their own payloads
 * (retried failed records, maybe edited) cannot be built from the dataset: their request is kept
 * as built, before auth, with the payloads.
 */
export function toNewBatch(
  destinationId: string,
  request: BuiltRequest,
  payloads?: (recordId: string) => DataRecord,
): NewBatch {
  const outbound = toOutbound(destinationId, request);
  return {
    // Failed records that never had a dataset id travel in `payloads` only.
    record_ids: request.recordIds.filter(isDatasetRecordId),
    idempotency_key: outbound.headers?.["idempotency-key"] ?? null,
    request: payloads
      ? { method: outbound.method, url: outbound.url, headers: outbound.headers, body: request.body }
      : null,
    payloads: payloads ? Object.fromEntries(request.recordIds.map((id) => [id, payloads(id)])) : undefined,
  };
}

/** Records the request builder could not build, as failed records with its reason. */
export function unbuiltLetters(
  problems: RecordProblem[],
  payloadOf: (recordId: string) => DataRecord,
): NewDeadLetter[] {
  return problems.map((problem) => ({
    record_id: isDatasetRecordId(problem.recordId) ? problem.recordId : null,
    payload: payloadOf(problem.recordId),
    reason: `Not sent: ${problem.message}`,
  }));
}

/** Failed records that never had a dataset id are known as `dead-letter-N` while retried. */
function isDatasetRecordId(id: string): boolean {
  return /^\d+$/.test(id);
}

export type NewBatch = {
  record_ids: string[];
  idempotency_key: string | null;
  /** Null: built from the records when sent. */
  request: { method: string; url: string; headers?: Record<string, string>; body: string | null } | null;
  /** Only for records whose payload is not the dataset's (edited dead letters). */
  payloads?: Record<string, DataRecord>;
};

export async function insertBatches(
  client: pg.PoolClient,
  context: Pick<DeliveryContext, "id" | "version">,
  runId: string,
  batches: NewBatch[],
): Promise<void> {
  if (batches.length === 0) return;
  await client.query(
    `INSERT INTO delivery_batches (destination_id, run_id, version, record_ids, idempotency_key, request, payloads)
     SELECT $1, $2, $3, ARRAY(SELECT jsonb_array_elements_text(b.record_ids)::bigint), b.idempotency_key,
            b.request, b.payloads
       FROM ROWS FROM (jsonb_to_recordset($4::jsonb)
                       AS (record_ids jsonb, idempotency_key text, request jsonb, payloads jsonb))
            WITH ORDINALITY AS b(record_ids, idempotency_key, request, payloads, position)
      ORDER BY b.position`,
    [context.id, runId, context.version, JSON.stringify(batches)],
  );
}

export type NewDeadLetter = {
  record_id: string | null;
  payload: DataRecord;
  reason: string;
  last_status?: number | null;
  last_response?: string | null;
  attempts?: number;
};

export async function insertDeadLetters(
  client: pg.PoolClient | pg.Pool,
  destinationId: string,
  runId: string,
  letters: NewDeadLetter[],
): Promise<void> {
  if (letters.length === 0) return;
  await client.query(
    `INSERT INTO dead_letters (destination_id, run_id, record_id, payload, reason, last_status, last_response, attempts)
     SELECT $1, $2, l.record_id::bigint, l.payload, l.reason, l.last_status, l.last_response, coalesce(l.attempts, 0)
       FROM jsonb_to_recordset($3::jsonb)
            AS l(record_id text, payload jsonb, reason text, last_status int, last_response text, attempts int)`,
    [destinationId, runId, JSON.stringify(letters)],
  );
}

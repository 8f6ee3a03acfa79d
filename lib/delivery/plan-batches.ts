/**
 * Turns the records past a destination's cursor into batches (batch-records.ts), stored with the
 * cursor's advance in one transaction. From then on a record is either
 * past the cursor or in a batch (or in the dead letter), whatever crashes.
 */

import type { DataRecord } from "@/lib/datasets/parse/types";
import { toOutbound } from "@/lib/destinations/outbound-request";
import type { BuiltRequest, RecordProblem } from "@/lib/payload";
import { batchRecords } from "./batch-records";
import type { DeliveryContext } from "./delivery-context";
import type { NewBatch, QueuedBatch } from "./store/batches";
import { inTransaction } from "./store/db";
import type { NewDeadLetter } from "./store/dead-letters";
import { advanceCursor, lockCursor } from "./store/destinations";
import { readRecordsPast, WALK_RECORDS_BY_ID } from "./store/records";

const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** Records read per planning transaction: about 100 requests' worth, within these bounds. */
const MIN_CHUNK_RECORDS = 1000;
const MAX_CHUNK_RECORDS = 10_000;

export function chunkRecords(context: Pick<DeliveryContext, "config">): number {
  const { batching } = context.config.endpoint;
  const perRequest = batching.enabled ? batching.size : 1;
  return Math.min(MAX_CHUNK_RECORDS, Math.max(MIN_CHUNK_RECORDS, perRequest * 100));
}

/**
 * `batches`: the batches queued, committed before this returns, so they may be sent at once (a
 * crash then sends them again from their rows); `data`: the records they carry, by id.
 */
export type PlanResult = { records: number; batches: QueuedBatch[]; data: Map<string, DataRecord> };

const NOTHING_PLANNED: PlanResult = { records: 0, batches: [], data: new Map() };

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
    const cursor = await lockCursor(client, context.id, WALK_RECORDS_BY_ID);
    if (cursor === null) {
      return NOTHING_PLANNED;
    }
    const rows = await readRecordsPast(
      client,
      {
        datasetId: context.datasetId,
        after: cursor,
        upTo: (upTo ?? MAX_BIGINT).toString(),
        limit: chunkRecords(context),
      },
      true,
    );
    const last = rows.at(-1);
    if (!last) {
      return NOTHING_PLANNED;
    }
    const { batches } = await batchRecords(client, context, runId, rows, { planned: rows.length });
    await advanceCursor(client, context.id, last.id);
    return { records: rows.length, batches, data: new Map(rows.map((row) => [row.id, row.data])) };
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
    recordIds: request.recordIds.filter(isDatasetRecordId),
    idempotencyKey: outbound.headers?.["idempotency-key"] ?? null,
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
    recordId: isDatasetRecordId(problem.recordId) ? problem.recordId : null,
    payload: payloadOf(problem.recordId),
    reason: `Not sent: ${problem.message}`,
  }));
}

/** Failed records that never had a dataset id are known as `dead-letter-N` while retried. */
function isDatasetRecordId(id: string): boolean {
  return /^\d+$/.test(id);
}

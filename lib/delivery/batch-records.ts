/**
 * The one step that turns records into queued work, shared by planning, the rebuilding of queued
 * batches and Retry Failed Records: the builder groups the records into batches (rows of record
 * ids, version and Idempotency-Key), the records it cannot build become failed records with its
 * reason, and the run's counters and the hourly stats say so, all in the caller's transaction.
 */
import type { DataRecord } from "@/lib/datasets/parse/types";
import type { DeliveryContext } from "./delivery-context";
import { toNewBatch, unbuiltLetters } from "./plan-batches";
import { builderFor } from "./request-builder";
import { insertBatches, type QueuedBatch } from "./store/batches";
import { addHourlyStats, addPlannedCounts } from "./store/counters";
import type { Queryable } from "./store/db";
import { insertDeadLetters, type NewDeadLetter } from "./store/dead-letters";

/** `carried`: the payload travels with the batch (a retried failed record, maybe edited). */
export type QueuedRecord = { id: string; data: DataRecord; carried?: boolean };

export async function batchRecords(
  client: Queryable,
  context: Pick<DeliveryContext, "id" | "version" | "config" | "target">,
  runId: string,
  records: QueuedRecord[],
  options: {
    /** Added to the run's planned records (0 when they were counted before). */
    planned: number;
    /** Records already known to be unsendable, failed with these letters alongside. */
    letters?: NewDeadLetter[];
  },
): Promise<{ failed: number; batches: QueuedBatch[] }> {
  const built = await builderFor(context)(records);
  const byId = new Map(records.map((record) => [record.id, record]));
  const payloadOf = (id: string) => byId.get(id)?.data ?? {};
  const batches = built.requests.map((request) =>
    toNewBatch(
      context.id,
      request,
      request.recordIds.some((id) => byId.get(id)?.carried) ? payloadOf : undefined,
    ),
  );
  const ids = await insertBatches(
    client,
    { destinationId: context.id, runId, version: context.version },
    batches,
  );
  const letters = [...(options.letters ?? []), ...unbuiltLetters(built.problems, payloadOf)];
  await insertDeadLetters(client, context.id, runId, letters);
  await addPlannedCounts(client, runId, {
    planned: options.planned,
    failed: letters.length,
    skipped: built.skipped.length,
  });
  await addHourlyStats(client, context.id, { recordsFailed: letters.length });
  // As claimDueBatches would read them back: the planner may send them without that round trip.
  const queued = batches.map(
    (batch, i): QueuedBatch => ({
      id: ids[i] as string,
      runId,
      version: context.version,
      recordIds: batch.recordIds,
      request: batch.request ? { ...batch.request, headers: batch.request.headers ?? {} } : null,
      payloads: batch.payloads ?? null,
      idempotencyKey: batch.idempotencyKey,
      attempts: 0,
      resend: false,
    }),
  );
  return { failed: letters.length, batches: queued };
}

/**
 * Batches queued under an earlier configuration version — left by a pause or a failure, or
 * waiting for a retry when the endpoint was edited — are built again from their records with the
 * version in force, so a fixed URL, header or body is what goes out. The new batches replace the
 * old ones in one transaction, in the same runs; records the new configuration cannot build go to
 * Failed Records, as planning would put them.
 */

import type pg from "pg";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { inTransaction } from "@/lib/db/transaction";
import { buildContextFor } from "@/lib/destinations/build-context";
import { buildRequests } from "@/lib/payload";
import type { DeliveryContext } from "./delivery-context";
import { addHourlyStats } from "./hourly-stats";
import {
  insertBatches,
  insertDeadLetters,
  type NewDeadLetter,
  toNewBatch,
  unbuiltLetters,
} from "./plan-batches";
import type { ClaimedBatch } from "./record-outcomes";

/** `carried`: the payload came with the batch (a retried failed record, maybe edited). */
type QueuedRecord = { id: string; data: DataRecord; carried: boolean };

export async function rebuildStaleBatches(context: DeliveryContext, stale: ClaimedBatch[]): Promise<void> {
  if (stale.length === 0) return;
  await inTransaction(async (client) => {
    // Only the batches still there and still older than the version in force.
    const { rows: gone } = await client.query<{ id: string }>(
      "DELETE FROM delivery_batches WHERE id = ANY($1::bigint[]) AND version < $2 RETURNING id::text",
      [stale.map((batch) => batch.id), context.version],
    );
    const taken = new Set(gone.map((row) => row.id));
    const batches = stale.filter((batch) => taken.has(batch.id));
    const stored = await storedRecords(
      client,
      batches.flatMap((batch) => (batch.payloads ? [] : batch.record_ids)),
    );

    let failed = 0;
    for (const [runId, group] of groupByRun(batches)) {
      const records: QueuedRecord[] = [];
      const letters: NewDeadLetter[] = [];
      for (const batch of group) {
        if (batch.payloads) {
          // Retries of failed records carry their (possibly edited) payloads.
          for (const [id, data] of Object.entries(batch.payloads)) records.push({ id, data, carried: true });
          continue;
        }
        for (const id of batch.record_ids) {
          const data = stored.get(id);
          if (data) records.push({ id, data, carried: false });
          else
            letters.push({
              record_id: id,
              payload: {},
              reason: "Not sent: the record is no longer in the dataset.",
            });
        }
      }
      const built = await buildRequests(
        context.config.endpoint,
        records,
        buildContextFor(context.target, context.config.endpoint),
      );
      const byId = new Map(records.map((record) => [record.id, record]));
      const rebuilt = built.requests.map((request) =>
        toNewBatch(
          context.id,
          request,
          request.recordIds.some((id) => byId.get(id)?.carried)
            ? (id) => byId.get(id)?.data ?? {}
            : undefined,
        ),
      );
      letters.push(...unbuiltLetters(built.problems, (id) => byId.get(id)?.data ?? {}));
      await insertBatches(client, context, runId, rebuilt);
      await insertDeadLetters(client, context.id, runId, letters);
      await client.query(
        "UPDATE runs SET records_failed = records_failed + $2, records_skipped = records_skipped + $3 WHERE id = $1",
        [runId, letters.length, built.skipped.length],
      );
      failed += letters.length;
    }
    await addHourlyStats(client, context.id, { recordsFailed: failed });
  });
}

async function storedRecords(client: pg.PoolClient, ids: string[]): Promise<Map<string, DataRecord>> {
  if (ids.length === 0) return new Map();
  const { rows } = await client.query<{ id: string; data: DataRecord }>(
    "SELECT id::text AS id, data FROM records WHERE id = ANY($1::bigint[])",
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row.data]));
}

function groupByRun(batches: ClaimedBatch[]): Map<string, ClaimedBatch[]> {
  const groups = new Map<string, ClaimedBatch[]>();
  for (const batch of batches) {
    const group = groups.get(batch.run_id);
    if (group) group.push(batch);
    else groups.set(batch.run_id, [batch]);
  }
  return groups;
}

/**
 * Queued batches built again from their records, in the same runs, replacing the old ones in one
 * transaction:
 *  - batches queued under an earlier configuration version (left by a pause or a failure, or
 *    waiting for a retry when the endpoint was edited), so a fixed URL, header or body is what
 *    goes out;
 *  - batches that no longer build into the one request they were planned as, most often because
 *    some of their records were deleted meanwhile: those records go to Failed Records, saying so,
 *    and the rest are sent, never quietly fewer.
 * Records the configuration cannot build go to Failed Records, as planning would put them.
 */

import type pg from "pg";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { inTransaction } from "@/lib/db/transaction";
import { batchRecords, type QueuedRecord } from "./batch-records";
import type { DeliveryContext } from "./delivery-context";
import type { NewDeadLetter } from "./plan-batches";
import type { QueuedBatch } from "./send-batches";

export const RECORD_GONE = "Not sent: the record is no longer in the dataset.";

export async function rebuildStaleBatches(context: DeliveryContext, stale: QueuedBatch[]): Promise<void> {
  await rebuildBatches(context, stale, { onlyOlderVersions: true });
}

/** `onlyOlderVersions`: leave alone a batch a newer version's rebuild already replaced. */
export async function rebuildBatches(
  context: DeliveryContext,
  queued: QueuedBatch[],
  options: { onlyOlderVersions: boolean },
): Promise<void> {
  if (queued.length === 0) return;
  await inTransaction(async (client) => {
    const { rows: gone } = await client.query<{ id: string }>(
      `DELETE FROM delivery_batches WHERE id = ANY($1::bigint[]) AND (NOT $3 OR version < $2)
       RETURNING id::text`,
      [queued.map((batch) => batch.id), context.version, options.onlyOlderVersions],
    );
    const taken = new Set(gone.map((row) => row.id));
    const batches = queued.filter((batch) => taken.has(batch.id));
    const stored = await storedRecords(
      client,
      batches.flatMap((batch) => (batch.payloads ? [] : batch.record_ids)),
    );

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
          if (data) records.push({ id, data });
          else letters.push({ record_id: id, payload: {}, reason: RECORD_GONE });
        }
      }
      await batchRecords(client, context, runId, records, { planned: 0, letters });
    }
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

function groupByRun(batches: QueuedBatch[]): Map<string, QueuedBatch[]> {
  const groups = new Map<string, QueuedBatch[]>();
  for (const batch of batches) {
    const group = groups.get(batch.run_id);
    if (group) group.push(batch);
    else groups.set(batch.run_id, [batch]);
  }
  return groups;
}

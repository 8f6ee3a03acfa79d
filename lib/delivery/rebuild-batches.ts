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

import { batchRecords, type QueuedRecord } from "./batch-records";
import type { DeliveryContext } from "./delivery-context";
import { type QueuedBatch, takeBatches } from "./store/batches";
import { inTransaction } from "./store/db";
import type { NewDeadLetter } from "./store/dead-letters";
import { readRecordsById } from "./store/records";

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
    const taken = await takeBatches(
      client,
      queued.map((batch) => batch.id),
      options.onlyOlderVersions ? context.version : null,
    );
    const batches = queued.filter((batch) => taken.has(batch.id));
    const stored = await readRecordsById(
      client,
      batches.flatMap((batch) => (batch.payloads ? [] : batch.recordIds)),
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
        for (const id of batch.recordIds) {
          const data = stored.get(id);
          if (data) records.push({ id, data });
          else letters.push({ recordId: id, payload: {}, reason: RECORD_GONE });
        }
      }
      await batchRecords(client, context, runId, records, { planned: 0, letters });
    }
  });
}

function groupByRun(batches: QueuedBatch[]): Map<string, QueuedBatch[]> {
  const groups = new Map<string, QueuedBatch[]>();
  for (const batch of batches) {
    const group = groups.get(batch.runId);
    if (group) group.push(batch);
    else groups.set(batch.runId, [batch]);
  }
  return groups;
}

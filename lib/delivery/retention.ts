/**
 * Retention: the request log (delivery_attempts), dataset records and alerts are kept
 * OUTFLOW_RETENTION_DAYS. A record goes only once every destination of its dataset has delivered
 * it: its id is at or below every destination's cursor and no pending batch or batch job check
 * still names it (dead letters keep their own copy of the payload). A dataset without destinations
 * keeps its records: nothing has delivered them. Delivery counters, runs and dead letters stay.
 *
 * Deletes go in chunks of RETENTION_CHUNK rows, each its own short statement, so pruning never
 * holds locks for long next to live delivery and ingest. Run daily by the worker's cron and by
 * `npm run retention`.
 */
import { getConfig } from "@/lib/config";
import { inTransaction, pool } from "./store/db";
import {
  deleteDeliveredRecords,
  deleteOldAttempts,
  deleteOldRunAlerts,
  listDeliveredBounds,
} from "./store/retention";

export const RETENTION_CHUNK = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type RetentionOptions = { now?: Date; retentionDays?: number; chunk?: number };
export type RetentionResult = { attempts: number; records: number; notifications: number };

export async function pruneOldDeliveryData(options: RetentionOptions = {}): Promise<RetentionResult> {
  const now = options.now ?? new Date();
  const days = options.retentionDays ?? getConfig().retentionDays;
  const chunk = options.chunk ?? RETENTION_CHUNK;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  return {
    attempts: await pruneAttempts(cutoff, chunk),
    records: await pruneDeliveredRecords(cutoff, chunk),
    notifications: await pruneNotifications(cutoff, chunk),
  };
}

/**
 * Alerts about a failed run or a failing episode go with age. Credential expiry alerts stay: the
 * expiry check raises an alert whose key it cannot find, so a pruned one would come back unread.
 */
async function pruneNotifications(cutoff: Date, chunk: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const removed = await deleteOldRunAlerts(pool(), cutoff, chunk);
    deleted += removed;
    if (removed < chunk) return deleted;
  }
}

async function pruneAttempts(cutoff: Date, chunk: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const removed = await deleteOldAttempts(pool(), cutoff, chunk);
    deleted += removed;
    if (removed < chunk) return deleted;
  }
}

/** The highest record id of each dataset that all its destinations have delivered. */
async function deliveredBounds(): Promise<{ datasetId: string; upTo: string }[]> {
  const bounds = await listDeliveredBounds(pool());
  return bounds.flatMap(({ datasetId, upTo }) =>
    upTo !== null && BigInt(upTo) > 0n ? [{ datasetId, upTo }] : [],
  );
}

async function pruneDeliveredRecords(cutoff: Date, chunk: number): Promise<number> {
  let deleted = 0;
  for (const { datasetId, upTo } of await deliveredBounds()) {
    for (;;) {
      const removed = await pruneRecordChunk(datasetId, upTo, cutoff, chunk);
      deleted += removed;
      if (removed < chunk) break;
    }
  }
  return deleted;
}

/** One chunk of a dataset's delivered records, deleted and taken off its record_count together. */
async function pruneRecordChunk(datasetId: string, upTo: string, cutoff: Date, chunk: number) {
  return inTransaction((client) => deleteDeliveredRecords(client, { datasetId, upTo, cutoff, chunk }));
}

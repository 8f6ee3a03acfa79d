/**
 * Dataset records as delivery reads them: by id for the batches it sends, and in id order past a
 * destination's cursor for planning. Records are written by lib/datasets.
 */
import type { DataRecord } from "@/lib/datasets/parse/types";
import type { Queryable } from "./db";

type RecordRow = { id: unknown; data: unknown };

export type StoredRecord = { id: string; data: DataRecord };

/**
 * Checked by hand, not with zod: a wave or a planning chunk reads up to 10,000 records, and a
 * record is any JSON object, so a schema could check no more than this does.
 */
function toStoredRecord(row: RecordRow): StoredRecord {
  if (typeof row.id !== "string" || row.data === null || typeof row.data !== "object") {
    throw new Error(`Record ${String(row.id)} is not a stored JSON object.`);
  }
  return { id: row.id, data: row.data as DataRecord };
}

/** These records by id (those still stored), optionally only of one dataset. */
export async function readRecordsById(
  db: Queryable,
  ids: string[],
  datasetId: string | null = null,
): Promise<Map<string, DataRecord>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<RecordRow>(
    datasetId === null
      ? "SELECT id::text AS id, data FROM records WHERE id = ANY($1::bigint[])"
      : "SELECT id::text AS id, data FROM records WHERE id = ANY($1::bigint[]) AND dataset_id = $2",
    datasetId === null ? [ids] : [ids, datasetId],
  );
  return new Map(rows.map((row) => [String(row.id), toStoredRecord(row).data]));
}

/**
 * Right after a bulk ingest the table's statistics are stale: the planner then expects a few
 * hundred rows past the cursor, fetches all of them by bitmap and sorts (measured: 140 ms for
 * 1000 of 160,000). Walking the (dataset_id, id) index from the cursor is always right here.
 * Select list items that set this for the rest of the transaction, for a statement that precedes
 * readRecordsPast (saving it a round trip of its own).
 */
export const WALK_RECORDS_BY_ID =
  "set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true)";

/**
 * Up to `limit` records of a dataset after `after` and up to `upTo`, in id order. `db` is in a
 * transaction: the planner settings it sets last as long as that. `walkSet`: a statement before
 * this one in the transaction selected WALK_RECORDS_BY_ID.
 */
export async function readRecordsPast(
  db: Queryable,
  range: { datasetId: string; after: string; upTo: string; limit: number },
  walkSet = false,
): Promise<StoredRecord[]> {
  if (!walkSet) await db.query(`SELECT ${WALK_RECORDS_BY_ID}`);
  // Ordered by the column, not the text it is selected as ("10" sorts before "9").
  const { rows } = await db.query<RecordRow>(
    `SELECT r.id::text AS id, r.data FROM records r
      WHERE r.dataset_id = $1 AND r.id > $2 AND r.id <= $3
      ORDER BY r.dataset_id, r.id LIMIT $4`,
    [range.datasetId, range.after, range.upTo, range.limit],
  );
  return rows.map(toStoredRecord);
}

import { dbPool } from "@/lib/db/client";
import type { SourceRecord } from "@/lib/payload/types";

/** A record with its number in the dataset (#1 is the first it received). */
export type NumberedRecord = SourceRecord & { position: number };

/**
 * The dataset's newest records, in dataset order, as the builder takes them. Read with SQL, not
 * Prisma, so that each record keeps its numbers exactly as written (lib/db/client.ts).
 */
export async function newestRecords(datasetId: string, count: number): Promise<NumberedRecord[]> {
  const { rows } = await dbPool().query<NumberedRecord>(
    // Ordered by the column, not the text it is selected as ("10" sorts before "9").
    `SELECT r.id::text AS id, r.data, r.position::double precision AS position FROM records r WHERE r.dataset_id = $1
      ORDER BY r.dataset_id, r.id DESC LIMIT $2`,
    [datasetId, count],
  );
  return rows.reverse();
}

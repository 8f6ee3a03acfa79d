import { db, dbPool } from "@/lib/db/client";
import type { Page } from "@/lib/db/page";
import { type InferredSchema, storedSchema } from "./schema/infer-schema";

export type DatasetSummary = {
  id: string;
  name: string;
  recordCount: number;
  lastReceivedAt: Date | null;
  createdAt: Date;
  hasIngestKey: boolean;
  ingestKeyHint: string | null;
  /** How many destinations send this dataset. */
  destinations: number;
};

const summaryFields = {
  id: true,
  name: true,
  recordCount: true,
  lastReceivedAt: true,
  createdAt: true,
  ingestKeyHash: true,
  ingestKeyHint: true,
  _count: { select: { destinations: true } },
} as const;

function toSummary(row: {
  id: string;
  name: string;
  recordCount: bigint;
  lastReceivedAt: Date | null;
  createdAt: Date;
  ingestKeyHash: string | null;
  ingestKeyHint: string | null;
  _count: { destinations: number };
}): DatasetSummary {
  return {
    id: row.id,
    name: row.name,
    recordCount: Number(row.recordCount),
    lastReceivedAt: row.lastReceivedAt,
    createdAt: row.createdAt,
    hasIngestKey: row.ingestKeyHash !== null,
    ingestKeyHint: row.ingestKeyHint,
    destinations: row._count.destinations,
  };
}

/** Newest first; `page`: Prisma's cursor arguments, for one page of them (lib/api/pages.ts). */
export async function listDatasets(workspaceId: string, page: Page = {}): Promise<DatasetSummary[]> {
  const rows = await db().dataset.findMany({
    where: { workspaceId },
    select: summaryFields,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...page,
  });
  return rows.map(toSummary);
}

export async function getDataset(
  workspaceId: string,
  id: string,
): Promise<(DatasetSummary & { schema: InferredSchema }) | null> {
  const row = await db().dataset.findFirst({
    where: { id, workspaceId },
    select: { ...summaryFields, schema: true },
  });
  return row ? { ...toSummary(row), schema: storedSchema(row.schema) } : null;
}

/** `position`: the record's number in the dataset (#1 is the first it received). */
export type StoredRecord = { id: string; position: number; receivedAt: Date; data: Record<string, unknown> };

export const RECORDS_PAGE_SIZE = 20;

/**
 * Newest first; `before` is the id of the last record of the previous page. Read with SQL, not
 * Prisma, so that each record keeps its numbers exactly as written (lib/db/client.ts).
 */
export async function listRecords(
  workspaceId: string,
  datasetId: string,
  before?: bigint,
): Promise<{ records: StoredRecord[]; nextBefore: string | null }> {
  const { rows } = await dbPool().query<StoredRecord>(
    `SELECT r.id::text AS id, r.position::double precision AS position,
            r.received_at AT TIME ZONE 'UTC' AS "receivedAt", r.data
       FROM records r JOIN datasets d ON d.id = r.dataset_id
      WHERE r.dataset_id = $1 AND d.workspace_id = $2 AND ($3::bigint IS NULL OR r.id < $3::bigint)
      ORDER BY r.dataset_id, r.id DESC LIMIT $4`,
    [datasetId, workspaceId, before?.toString() ?? null, RECORDS_PAGE_SIZE + 1],
  );
  const page = rows.slice(0, RECORDS_PAGE_SIZE);
  return {
    records: page,
    nextBefore: rows.length > RECORDS_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null,
  };
}

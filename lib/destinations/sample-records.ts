import { db } from "@/lib/db/client";
import type { SourceRecord } from "@/lib/payload/types";

/** The dataset's newest records, in dataset order, as the builder takes them. */
export async function newestRecords(datasetId: string, count: number): Promise<SourceRecord[]> {
  const rows = await db().datasetRecord.findMany({
    where: { datasetId },
    orderBy: { id: "desc" },
    take: count,
    select: { id: true, data: true },
  });
  return rows.reverse().map((row) => ({ id: row.id.toString(), data: row.data as Record<string, unknown> }));
}

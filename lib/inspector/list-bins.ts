import { db } from "@/lib/db/client";
import type { Page } from "@/lib/db/page";

export type BinSummary = {
  id: string;
  name: string;
  createdAt: Date;
  requestCount: number;
  lastRequestAt: Date | null;
};

/**
 * A workspace's inspectors, newest first, with how many requests each holds and the latest;
 * `page` narrows it to a page (lib/api/pages.ts).
 */
export async function listBins(workspaceId: string, page: Page = {}): Promise<BinSummary[]> {
  const bins = await db().inspectorBin.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...page,
    select: { id: true, name: true, createdAt: true, _count: { select: { requests: true } } },
  });
  if (bins.length === 0) return [];
  const latest = await db().inspectorRequest.groupBy({
    by: ["binId"],
    where: { binId: { in: bins.map((bin) => bin.id) } },
    _max: { receivedAt: true },
  });
  const lastByBin = new Map(latest.map((row) => [row.binId, row._max.receivedAt]));
  return bins.map((bin) => ({
    id: bin.id,
    name: bin.name,
    createdAt: bin.createdAt,
    requestCount: bin._count.requests,
    lastRequestAt: lastByBin.get(bin.id) ?? null,
  }));
}

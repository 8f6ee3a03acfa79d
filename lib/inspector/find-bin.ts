import { db } from "@/lib/db/client";

export type Bin = { id: string; name: string; createdAt: Date };

/** One inspector of the workspace; another workspace's id is null, like an unknown one. */
export async function findBin(workspaceId: string, binId: string): Promise<Bin | null> {
  return db().inspectorBin.findFirst({
    where: { id: binId, workspaceId },
    select: { id: true, name: true, createdAt: true },
  });
}

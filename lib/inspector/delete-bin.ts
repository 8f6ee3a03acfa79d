import { db } from "@/lib/db/client";

/**
 * Deletes an inspector and the requests it recorded; its URL answers 404 from then on.
 * False when the workspace has no such inspector (including another workspace's).
 */
export async function deleteBin(workspaceId: string, binId: string): Promise<boolean> {
  const { count } = await db().inspectorBin.deleteMany({ where: { id: binId, workspaceId } });
  return count > 0;
}

/** The one check every destination monitoring read starts with: is it this workspace's? */
import { db } from "@/lib/db/client";

export type OwnedDestination = { id: string; currentVersion: number };

/** The destination if it belongs to the workspace, else null (the page answers 404). */
export async function findOwnedDestination(
  workspaceId: string,
  destinationId: string,
): Promise<OwnedDestination | null> {
  return db().destination.findFirst({
    where: { id: destinationId, workspaceId },
    select: { id: true, currentVersion: true },
  });
}

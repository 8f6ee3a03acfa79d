import { UserError } from "@/lib/actions/user-error";
import { db } from "@/lib/db/client";

/** The workspace's destination, or a UserError: another workspace's id reads as one that is gone. */
export async function requireOwnDestination(workspaceId: string, destinationId: string) {
  const destination = await db().destination.findFirst({ where: { id: destinationId, workspaceId } });
  if (!destination) throw new UserError("This destination no longer exists.");
  return destination;
}

/** The newest record id of a dataset (0 when empty): where a run bounded to "what exists now" stops. */
export async function lastRecordId(datasetId: string): Promise<bigint> {
  const last = await db().datasetRecord.findFirst({
    where: { datasetId },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return last?.id ?? 0n;
}

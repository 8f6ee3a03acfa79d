import { db } from "@/lib/db/client";

/**
 * The dataset "<destination> responses" that keeps each API response when the destination's
 * response webhook is on: created the first time it is needed, and remembered on the destination.
 */
export async function ensureResponseDataset(destination: {
  id: string;
  workspaceId: string;
  name: string;
  responseDatasetId: string | null;
}): Promise<string> {
  if (destination.responseDatasetId) return destination.responseDatasetId;
  const base = `${destination.name} responses`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base} ${n}`;
    const taken = await db().dataset.findFirst({
      where: { workspaceId: destination.workspaceId, name },
      select: { id: true },
    });
    if (taken) continue;
    const created = await db().dataset.create({
      data: { workspaceId: destination.workspaceId, name },
      select: { id: true },
    });
    // Activate and a worker may both get here: the first to set it wins, the other's is removed.
    const claimed = await db().destination.updateMany({
      where: { id: destination.id, responseDatasetId: null },
      data: { responseDatasetId: created.id },
    });
    if (claimed.count === 1) return created.id;
    await db().dataset.delete({ where: { id: created.id } });
    const current = await db().destination.findUniqueOrThrow({
      where: { id: destination.id },
      select: { responseDatasetId: true },
    });
    return current.responseDatasetId ?? created.id;
  }
}

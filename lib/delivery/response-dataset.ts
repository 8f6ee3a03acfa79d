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
    await db().destination.update({ where: { id: destination.id }, data: { responseDatasetId: created.id } });
    return created.id;
  }
}

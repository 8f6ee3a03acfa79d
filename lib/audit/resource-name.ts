import { db } from "@/lib/db/client";

/**
 * A resource's name at the moment of the change, so an audit event still says what it was about
 * after the resource is renamed or deleted. Read before a delete.
 */
export async function resourceName(
  type: "credential" | "dataset" | "destination" | "inspector",
  workspaceId: string,
  id: string,
): Promise<string | null> {
  const where = { id, workspaceId };
  const select = { name: true } as const;
  switch (type) {
    case "credential":
      return (await db().credential.findFirst({ where, select }))?.name ?? null;
    case "dataset":
      return (await db().dataset.findFirst({ where, select }))?.name ?? null;
    case "destination":
      return (await db().destination.findFirst({ where, select }))?.name ?? null;
    case "inspector":
      return (await db().inspectorBin.findFirst({ where, select }))?.name ?? null;
  }
}

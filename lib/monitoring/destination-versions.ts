/** Two saved versions of a destination's configuration and what changed between them. */
import { db } from "@/lib/db/client";
import { type ConfigChange, diffConfig } from "./config-diff";
import { findOwnedDestination } from "./destination-access";

export type VersionComparison = {
  from: { version: number; createdAt: Date };
  to: { version: number; createdAt: Date };
  changes: ConfigChange[];
};

/** Null when the destination is not the workspace's or either version does not exist. */
export async function compareVersions(
  workspaceId: string,
  destinationId: string,
  from: number,
  to: number,
): Promise<VersionComparison | null> {
  if (!(await findOwnedDestination(workspaceId, destinationId))) return null;
  const rows = await db().destinationVersion.findMany({
    where: { destinationId, version: { in: [from, to] } },
    select: { version: true, createdAt: true, config: true },
  });
  const older = rows.find((row) => row.version === from);
  const newer = rows.find((row) => row.version === to);
  if (!older || !newer) return null;
  return {
    from: { version: older.version, createdAt: older.createdAt },
    to: { version: newer.version, createdAt: newer.createdAt },
    changes: diffConfig(older.config, newer.config),
  };
}

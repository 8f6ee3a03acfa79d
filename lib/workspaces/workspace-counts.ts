import { db } from "@/lib/db/client";

/** How many datasets, credentials and destinations a workspace has, for the dashboard. */
export async function countWorkspaceResources(workspaceId: string) {
  const where = { workspaceId };
  const [datasets, credentials, destinations] = await Promise.all([
    db().dataset.count({ where }),
    db().credential.count({ where }),
    db().destination.count({ where }),
  ]);
  return { datasets, credentials, destinations };
}

import { randomBytes } from "node:crypto";
import { UserError } from "@/lib/actions/user-error";
import { db } from "@/lib/db/client";
import { MAX_BINS_PER_WORKSPACE } from "./limits";

export type CreatedBin = { id: string; name: string; createdAt: Date };

/**
 * Creates an inspector. Its id is the secret part of a public URL, so it is 192 random bits,
 * never derived from anything guessable.
 */
export async function createBin(workspaceId: string, name: string): Promise<CreatedBin> {
  return db().$transaction(async (tx) => {
    // Locking the workspace row serialises creations, so two at once cannot pass the cap together.
    const locked = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM workspaces WHERE id = ${workspaceId}::uuid FOR NO KEY UPDATE`;
    if (locked.length === 0) throw new Error(`Workspace ${workspaceId} does not exist`);
    const count = await tx.inspectorBin.count({ where: { workspaceId } });
    if (count >= MAX_BINS_PER_WORKSPACE) {
      throw new UserError(
        `A workspace can have at most ${MAX_BINS_PER_WORKSPACE} inspectors. Delete one you no longer need.`,
      );
    }
    return tx.inspectorBin.create({
      data: { id: randomBytes(24).toString("base64url"), workspaceId, name },
      select: { id: true, name: true, createdAt: true },
    });
  });
}

import { UserError } from "@/lib/actions/user-error";
import { db } from "@/lib/db/client";

export async function deleteCredential(workspaceId: string, id: string): Promise<void> {
  const { count } = await db().credential.deleteMany({ where: { id, workspaceId } });
  if (count === 0) throw new UserError("This credential no longer exists.");
}

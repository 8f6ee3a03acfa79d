import { UserError } from "@/lib/actions/user-error";
import { db } from "@/lib/db/client";

/** Deletes a credential, unless a destination still sends with it. */
export async function deleteCredential(workspaceId: string, id: string): Promise<void> {
  const users = await db().destination.findMany({
    where: { credentialId: id, workspaceId },
    select: { name: true },
  });
  if (users.length > 0) {
    const names = users.map((d) => `"${d.name}"`).join(", ");
    throw new UserError(
      `This credential is used by ${users.length === 1 ? "the destination" : `${users.length} destinations:`} ${names}. Give ${users.length === 1 ? "it" : "them"} another credential or delete ${users.length === 1 ? "it" : "them"} first.`,
    );
  }
  const { count } = await db().credential.deleteMany({ where: { id, workspaceId } });
  if (count === 0) throw new UserError("This credential no longer exists.");
}

import { UserError } from "@/lib/actions/user-error";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";

export type Member = { userId: string; name: string; email: string; role: Role; joinedAt: Date };

export async function listMembers(workspaceId: string): Promise<Member[]> {
  const memberships = await db().membership.findMany({
    where: { workspaceId },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((m) => ({
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    joinedAt: m.createdAt,
  }));
}

/**
 * Removes a member from the workspace. A user belongs to exactly one workspace, so the account
 * goes with it: their sessions end at once and a new invite lets them join again.
 */
export async function removeMember(workspaceId: string, userId: string): Promise<void> {
  const membership = await db().membership.findFirst({
    where: { workspaceId, userId },
    select: { role: true },
  });
  if (!membership) throw new UserError("This person is not a member of the workspace.");
  if (membership.role === "owner") throw new UserError("The workspace owner cannot be removed.");
  await db().user.delete({ where: { id: userId } });
}

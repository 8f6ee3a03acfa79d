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
export async function removeMember(
  workspaceId: string,
  userId: string,
): Promise<{ email: string; role: Role }> {
  const membership = await db().membership.findFirst({
    where: { workspaceId, userId },
    select: { role: true, user: { select: { email: true } } },
  });
  if (!membership) throw new UserError("This person is not a member of the workspace.");
  if (membership.role === "owner") {
    throw new UserError("An owner cannot be removed: change their role first.");
  }
  await db().user.delete({ where: { id: userId } });
  return { email: membership.user.email, role: membership.role };
}

/**
 * Gives a member another role. The workspace always keeps an owner: the last owner cannot be
 * changed to a lesser role (make someone else owner first).
 */
export async function changeMemberRole(
  workspaceId: string,
  userId: string,
  role: Role,
): Promise<{ from: Role; email: string }> {
  return db().$transaction(async (tx) => {
    // Locking the workspace's memberships serialises role changes, so two owners cannot demote each other at once.
    const memberships = await tx.$queryRaw<{ user_id: string; role: Role }[]>`
      SELECT user_id, role FROM memberships WHERE workspace_id = ${workspaceId}::uuid FOR UPDATE`;
    const membership = memberships.find((m) => m.user_id === userId);
    if (!membership) throw new UserError("This person is not a member of the workspace.");
    const owners = memberships.filter((m) => m.role === "owner").length;
    if (membership.role === "owner" && role !== "owner" && owners <= 1) {
      throw new UserError(
        "The workspace needs an owner: make another member owner before changing this role.",
        "role",
      );
    }
    const updated = await tx.membership.update({
      where: { userId },
      data: { role },
      select: { user: { select: { email: true } } },
    });
    return { from: membership.role, email: updated.user.email };
  });
}

import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { Prisma, Role } from "@/lib/db/generated/client";
import { hashInviteToken, newInviteToken } from "./invite-token";

export const INVITE_LIFETIME_DAYS = 7;

export type PendingInvite = {
  id: string;
  email: string | null;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
};

/** Creates a one-time invite link. The link is returned once; only its hash is kept. */
export async function createInvite(
  workspaceId: string,
  createdById: string,
  email: string | null,
  role: Role = "editor",
): Promise<{ url: string; invite: PendingInvite }> {
  const token = newInviteToken();
  const invite = await db().invite.create({
    data: {
      workspaceId,
      createdById,
      email,
      role,
      tokenHash: hashInviteToken(token),
      expiresAt: new Date(Date.now() + INVITE_LIFETIME_DAYS * 24 * 60 * 60 * 1000),
    },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
  });
  return { url: `${getConfig().publicUrl}/sign-up?invite=${encodeURIComponent(token)}`, invite };
}

export async function listPendingInvites(workspaceId: string): Promise<PendingInvite[]> {
  return db().invite.findMany({
    where: { workspaceId, usedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Revoking deletes the invite, so its link stops working at once. */
export async function revokeInvite(workspaceId: string, inviteId: string): Promise<boolean> {
  const { count } = await db().invite.deleteMany({ where: { id: inviteId, workspaceId, usedAt: null } });
  return count > 0;
}

/** The invite behind a token, if it can still be used. */
export async function findUsableInvite(token: string, client: Prisma.TransactionClient = db()) {
  const invite = await client.invite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: {
      id: true,
      workspaceId: true,
      email: true,
      role: true,
      usedAt: true,
      expiresAt: true,
      workspace: { select: { name: true } },
    },
  });
  if (!invite || invite.usedAt || invite.expiresAt <= new Date()) return null;
  return invite;
}

"use server";

import { z } from "zod";
import { ownerAction } from "@/lib/actions/action";
import { UserError } from "@/lib/actions/user-error";
import { createInvite, revokeInvite } from "@/lib/workspaces/invites";
import { removeMember } from "@/lib/workspaces/members";

export const createInviteAction = ownerAction(
  z.object({
    email: z.union([z.literal(""), z.email("Enter a valid email address, or leave it empty.")]).optional(),
  }),
  async ({ email }, session) => {
    const { url } = await createInvite(session.workspace.id, session.user.id, email || null);
    return { url };
  },
);

export const revokeInviteAction = ownerAction(
  z.object({ inviteId: z.uuid() }),
  async ({ inviteId }, session) => {
    if (!(await revokeInvite(session.workspace.id, inviteId))) {
      throw new UserError("This invite was already used or revoked.");
    }
  },
);

export const removeMemberAction = ownerAction(
  z.object({ userId: z.string().min(1) }),
  async ({ userId }, session) => {
    if (userId === session.user.id) throw new UserError("You cannot remove yourself: you own the workspace.");
    await removeMember(session.workspace.id, userId);
  },
);

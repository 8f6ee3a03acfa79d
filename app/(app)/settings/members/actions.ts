"use server";

import { z } from "zod";
import { permittedAction } from "@/lib/actions/action";
import { UserError } from "@/lib/actions/user-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { ROLES } from "@/lib/auth/permissions";
import { createInvite, revokeInvite } from "@/lib/workspaces/invites";
import { changeMemberRole, removeMember } from "@/lib/workspaces/members";

const roleSchema = z.enum(ROLES, "Choose a role: viewer, editor, admin or owner.");

export const createInviteAction = permittedAction(
  "members.manage",
  z.object({
    email: z.union([z.literal(""), z.email("Enter a valid email address, or leave it empty.")]).optional(),
    role: roleSchema,
  }),
  async ({ email, role }, session) => {
    const { url, invite } = await createInvite(session.workspace.id, session.user.id, email || null, role);
    await recordAudit(session, {
      action: "invite.created",
      resourceType: "invite",
      resourceId: invite.id,
      resourceName: invite.email ?? "Anyone with the link",
      details: { role },
    });
    return { url };
  },
);

export const revokeInviteAction = permittedAction(
  "members.manage",
  z.object({ inviteId: z.uuid() }),
  async ({ inviteId }, session) => {
    if (!(await revokeInvite(session.workspace.id, inviteId))) {
      throw new UserError("This invite was already used or revoked.");
    }
    await recordAudit(session, { action: "invite.revoked", resourceType: "invite", resourceId: inviteId });
  },
);

export const changeMemberRoleAction = permittedAction(
  "members.manage",
  z.object({ userId: z.string().min(1), role: roleSchema }),
  async ({ userId, role }, session) => {
    const { from, email } = await changeMemberRole(session.workspace.id, userId, role);
    await recordAudit(session, {
      action: "member.role_changed",
      resourceType: "member",
      resourceId: userId,
      resourceName: email,
      details: { changes: [{ path: "role", kind: "changed", before: from, after: role }] },
    });
  },
);

export const removeMemberAction = permittedAction(
  "members.manage",
  z.object({ userId: z.string().min(1) }),
  async ({ userId }, session) => {
    if (userId === session.user.id) throw new UserError("You cannot remove yourself: you own the workspace.");
    const removed = await removeMember(session.workspace.id, userId);
    await recordAudit(session, {
      action: "member.removed",
      resourceType: "member",
      resourceId: userId,
      resourceName: removed.email,
      details: { role: removed.role },
    });
  },
);

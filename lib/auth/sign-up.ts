import { isAPIError } from "better-auth/api";
import { UserError } from "@/lib/actions/user-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { findUsableInvite } from "@/lib/workspaces/invites";
import { getAuth } from "./auth";
import { clientAddress } from "./client-address";

export type SignUpInput = {
  name: string;
  email: string;
  password: string;
  /** Names the workspace; used only by the first sign-up. */
  workspaceName?: string;
  inviteToken?: string;
};

export const SIGN_UP_CLOSED = "Sign-up is closed: ask your workspace owner for an invite link.";
export const INVITE_UNUSABLE =
  "This invite link is invalid, already used or expired: ask your workspace owner for a new one.";

/** What the sign-up page should offer. */
export async function signUpMode(inviteToken: string | undefined) {
  if (inviteToken) {
    const invite = await findUsableInvite(inviteToken);
    return invite
      ? ({ kind: "invite", workspaceName: invite.workspace.name, email: invite.email } as const)
      : ({ kind: "invalid-invite" } as const);
  }
  const workspaces = await db().workspace.count();
  return workspaces === 0 ? ({ kind: "first-user" } as const) : ({ kind: "closed" } as const);
}

/**
 * The first person to sign up creates the workspace and owns it; everyone after needs a one-time
 * invite and joins as a member. Sign-ups are serialised by an advisory lock so that two people
 * racing to be first cannot create two workspaces, and an invite cannot be used twice.
 */
export async function signUp(input: SignUpInput, requestHeaders: Headers): Promise<void> {
  await db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('outflow:sign-up'))`;
      const workspace = await tx.workspace.findFirst({ select: { id: true } });
      const invite = workspace && input.inviteToken ? await findUsableInvite(input.inviteToken, tx) : null;
      if (workspace && !input.inviteToken) throw new UserError(SIGN_UP_CLOSED);
      if (workspace && !invite) throw new UserError(INVITE_UNUSABLE);
      if (invite?.email && invite.email.toLowerCase() !== input.email.toLowerCase()) {
        throw new UserError(`This invite is for ${invite.email}: sign up with that address.`, "email");
      }
      if (!workspace && !input.workspaceName?.trim()) {
        throw new UserError("Name your workspace.", "workspaceName");
      }

      const userId = await createAccount(input, requestHeaders);
      try {
        if (!workspace) {
          const created = await tx.workspace.create({
            data: { name: (input.workspaceName as string).trim() },
          });
          await tx.membership.create({ data: { workspaceId: created.id, userId, role: "owner" } });
        } else if (invite) {
          await tx.invite.update({
            where: { id: invite.id },
            data: { usedAt: new Date(), usedById: userId },
          });
          await tx.membership.create({
            data: { workspaceId: invite.workspaceId, userId, role: invite.role },
          });
          await recordAudit(
            {
              user: { id: userId, name: input.name.trim(), email: input.email },
              workspace: { id: invite.workspaceId },
              address: clientAddress(requestHeaders),
            },
            {
              action: "member.joined",
              resourceType: "member",
              resourceId: userId,
              resourceName: input.email,
              details: { role: invite.role, inviteId: invite.id },
            },
            tx,
          );
        }
      } catch (error) {
        // The account was created outside this transaction: do not leave it without a workspace.
        await db().user.delete({ where: { id: userId } });
        throw error;
      }
    },
    { timeout: 20_000, maxWait: 20_000 },
  );
}

async function createAccount(input: SignUpInput, requestHeaders: Headers): Promise<string> {
  try {
    const result = await getAuth().api.signUpEmail({
      body: { name: input.name.trim(), email: input.email, password: input.password },
      headers: requestHeaders,
    });
    return result.user.id;
  } catch (error) {
    if (isAPIError(error) && error.statusCode === 422) {
      throw new UserError("An account with this email already exists: sign in instead.", "email");
    }
    if (isAPIError(error) && error.statusCode === 400) {
      throw new UserError(error.message || "Check the email and password.");
    }
    throw error;
  }
}

/**
 * Who calls the REST API: the bearer of a personal API token, acting as its user in their
 * workspace with the lesser of the token's role and the user's role now.
 */
import { clientAddress } from "@/lib/auth/client-address";
import { ROLES } from "@/lib/auth/permissions";
import type { WorkspaceSession } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { problem } from "./problem";
import { hashToken } from "./tokens";

export type ApiCaller = WorkspaceSession & { address: string; token: { id: string; name: string } };

/** Last use is written at most this often: a busy script would otherwise write on every call. */
const LAST_USED_EVERY_MS = 60_000;

const HOW =
  "Send a personal API token as `Authorization: Bearer <token>`; create one in Settings → API tokens.";

export async function authenticate(request: Request): Promise<ApiCaller | Response> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const unauthorized = (detail: string) =>
    problem(401, detail, { headers: { "www-authenticate": 'Bearer realm="outflow"' } });
  if (!match?.[1]) return unauthorized(HOW);
  const token = await db().apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]) },
    select: {
      id: true,
      name: true,
      role: true,
      workspaceId: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          membership: { select: { role: true, workspace: { select: { id: true, name: true } } } },
        },
      },
    },
  });
  if (!token) return unauthorized(`This token is not known. ${HOW}`);
  if (token.revokedAt) return unauthorized(`This token was revoked. ${HOW}`);
  if (token.expiresAt && token.expiresAt <= new Date())
    return unauthorized(`This token expired on ${token.expiresAt.toISOString()}. ${HOW}`);
  const membership = token.user.membership;
  if (!membership || membership.workspace.id !== token.workspaceId)
    return unauthorized(`This token's user is no longer a member of its workspace. ${HOW}`);

  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    await db().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  }
  const role = ROLES.indexOf(token.role) < ROLES.indexOf(membership.role) ? token.role : membership.role;
  return {
    user: { id: token.user.id, name: token.user.name, email: token.user.email },
    workspace: membership.workspace,
    role,
    address: clientAddress(request.headers),
    token: { id: token.id, name: token.name },
  };
}

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";
import { getAuth } from "./auth";
import { can, type Permission, refusal } from "./permissions";
import { signInPath } from "./safe-return-path";

export type WorkspaceSession = {
  user: { id: string; name: string; email: string };
  workspace: { id: string; name: string };
  role: Role;
};

/** Header set by proxy.ts so that pages know where to send the user back after sign-in. */
export const REQUEST_PATH_HEADER = "x-outflow-path";

/**
 * The signed-in user and their workspace, resolved once per request. A valid session without a
 * membership (e.g. a member the owner removed) counts as signed out.
 */
export const getWorkspaceSession = cache(async (): Promise<WorkspaceSession | null> => {
  // Reading the request first also keeps these pages out of build-time prerendering.
  const requestHeaders = await headers();
  const session = await getAuth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const membership = await db().membership.findUnique({
    where: { userId: session.user.id },
    select: { role: true, workspace: { select: { id: true, name: true } } },
  });
  if (!membership) return null;
  return {
    user: { id: session.user.id, name: session.user.name, email: session.user.email },
    workspace: membership.workspace,
    role: membership.role,
  };
});

/** For pages and layouts: the session, or a redirect to sign-in that returns here afterwards. */
export async function requireWorkspaceSession(): Promise<WorkspaceSession> {
  const session = await getWorkspaceSession();
  if (!session) {
    const requested = (await headers()).get(REQUEST_PATH_HEADER) ?? "/";
    redirect(signInPath(requested));
  }
  return session;
}

/**
 * For pages that change things: the session, and whether its role has `permission`. A refused page
 * shows `refused` (who may do it) instead of a form the server would refuse anyway.
 */
export async function requirePermission(
  permission: Permission,
): Promise<{ session: WorkspaceSession; refused: string | null }> {
  const session = await requireWorkspaceSession();
  return {
    session,
    refused: can(session.role, permission) ? null : refusal(permission, session.workspace.name),
  };
}

/** For API routes: the session when its role has `permission`, otherwise the response to send. */
export async function authorizeRoute(
  permission: Permission,
): Promise<
  { session: WorkspaceSession; response?: undefined } | { session?: undefined; response: Response }
> {
  const session = await getWorkspaceSession();
  if (!session) {
    return { response: Response.json({ error: "Your session has ended. Sign in again." }, { status: 401 }) };
  }
  if (!can(session.role, permission)) {
    return {
      response: Response.json({ error: refusal(permission, session.workspace.name) }, { status: 403 }),
    };
  }
  return { session };
}

import { getWorkspaceSession } from "@/lib/auth/session";
import { countUnreadNotifications } from "@/lib/notifications/notification-list";

// The bell polls this; an answer must never come from a cache.
export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

/** How many of the workspace's alerts are unread. */
export async function GET(): Promise<Response> {
  const session = await getWorkspaceSession();
  if (!session) return Response.json({ error: "Sign in to continue." }, { status: 401, headers: NO_STORE });
  const unread = await countUnreadNotifications(session.workspace.id);
  return Response.json({ unread }, { headers: NO_STORE });
}

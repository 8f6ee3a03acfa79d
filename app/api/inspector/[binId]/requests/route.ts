import { getWorkspaceSession } from "@/lib/auth/session";
import { listRequests } from "@/lib/inspector/list-requests";
import { toRequestJson } from "@/lib/inspector/request-json";
import { listRequestsQuerySchema } from "@/lib/inspector/schemas";

// The live view polls this; an answer must never come from a cache.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

const NO_STORE = { "cache-control": "no-store" };

/** The newest requests of one of the workspace's inspectors; `?after=<id>` for what arrived since. */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  const session = await getWorkspaceSession();
  if (!session) return Response.json({ error: "Sign in to continue." }, { status: 401, headers: NO_STORE });

  const { searchParams } = new URL(request.url);
  const query = listRequestsQuerySchema.safeParse({
    after: searchParams.get("after") ?? undefined,
    before: searchParams.get("before") ?? undefined,
  });
  if (!query.success) {
    return Response.json(
      { error: "after and before must be request ids." },
      { status: 400, headers: NO_STORE },
    );
  }

  const { binId } = await params;
  const requests = await listRequests(session.workspace.id, binId, query.data);
  if (!requests) {
    return Response.json({ error: "No inspector with this id" }, { status: 404, headers: NO_STORE });
  }
  return Response.json({ requests: requests.map(toRequestJson) }, { headers: NO_STORE });
}

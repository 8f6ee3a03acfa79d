import { getWorkspaceSession } from "@/lib/auth/session";
import { toYaml } from "@/lib/flows/document";
import { exportFlows } from "@/lib/flows/export-flows";

export const dynamic = "force-dynamic";

/** Export as YAML: the workspace's flows document, as `GET /api/v1/export` gives it to a token. */
export async function GET(): Promise<Response> {
  const session = await getWorkspaceSession();
  if (!session) return Response.json({ error: "Your session has ended. Sign in again." }, { status: 401 });
  return new Response(toYaml(await exportFlows(session.workspace.id)), {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": 'attachment; filename="outflow-flows.yaml"',
      "cache-control": "no-store",
    },
  });
}

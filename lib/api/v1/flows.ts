/**
 * Destinations as code: GET /api/v1/export gives the workspace as a flows document (YAML),
 * POST /api/v1/plan says what applying one would change, POST /api/v1/apply applies it.
 */
import { parse as parseYaml } from "yaml";
import { can, refusal } from "@/lib/auth/permissions";
import { applyFlows } from "@/lib/flows/apply-flows";
import { flowsDocumentSchema, toYaml } from "@/lib/flows/document";
import { exportFlows } from "@/lib/flows/export-flows";
import { planFlows } from "@/lib/flows/plan-flows";
import { json, problem } from "../problem";
import { type ApiCall, apiRoute, parseInput } from "../route";

export const exportFlowsRoute = apiRoute(null, async ({ caller, request }) => {
  const document = await exportFlows(caller.workspace.id);
  if (new URL(request.url).searchParams.get("format") === "json") return json(document);
  return new Response(toYaml(document), {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": 'attachment; filename="outflow-flows.yaml"',
      "cache-control": "no-store",
    },
  });
});

/** The document in the body: YAML (application/yaml, text/yaml) or JSON. */
async function readDocument(call: ApiCall<unknown>) {
  const text = await call.request.text();
  let value: unknown;
  try {
    value = /yaml/i.test(call.request.headers.get("content-type") ?? "") ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    return problem(400, `The document is not valid YAML or JSON: ${(error as Error).message.split("\n")[0]}`);
  }
  return parseInput(flowsDocumentSchema, value);
}

export const planFlowsRoute = apiRoute(null, async (call) => {
  const document = await readDocument(call);
  if (document instanceof Response) return document;
  return json(await planFlows(call.caller.workspace.id, document));
});

export const applyFlowsRoute = apiRoute("destinations.manage", async (call) => {
  const document = await readDocument(call);
  if (document instanceof Response) return document;
  const { caller } = call;
  const plan = await planFlows(caller.workspace.id, document);
  const needs = plan.items.some((item) => item.kind === "credential" && item.action !== "unchanged")
    ? "credentials.manage"
    : null;
  if (needs && !can(caller.role, needs))
    return problem(403, `${refusal(needs, caller.workspace.name)} The document changes credentials.`);
  return json(await applyFlows(caller, document, plan));
});

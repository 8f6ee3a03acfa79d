/** /api/v1/inspectors: Request Inspectors and the requests they captured. */
import { recordAudit } from "@/lib/audit/record-audit";
import { createBin } from "@/lib/inspector/create-bin";
import { deleteBin } from "@/lib/inspector/delete-bin";
import { findBin } from "@/lib/inspector/find-bin";
import { inspectorUrl } from "@/lib/inspector/inspector-url";
import { REQUESTS_PAGE_SIZE } from "@/lib/inspector/limits";
import { listBins } from "@/lib/inspector/list-bins";
import { listRequests } from "@/lib/inspector/list-requests";
import { toRequestJson } from "@/lib/inspector/request-json";
import { binIdSchema, createBinSchema } from "@/lib/inspector/schemas";
import { idempotent } from "../idempotency";
import { pageArgs, pageOf } from "../pages";
import { json } from "../problem";
import { apiRoute, NotFound, readBody, readQuery } from "../route";
import { capturedRequestQuerySchema, pageQuerySchema } from "./schemas";

type BinParams = { inspectorId: string };

function requireBinId(value: string): string {
  if (!binIdSchema.safeParse(value).success) throw new NotFound("No inspector has this id.");
  return value;
}

export const listInspectorsRoute = apiRoute(null, async ({ caller, request }) => {
  const { cursor, limit } = readQuery(request, pageQuerySchema);
  const { rows, nextCursor } = pageOf(
    await listBins(
      caller.workspace.id,
      pageArgs(cursor, limit, (id) => binIdSchema.safeParse(id).success),
    ),
    limit,
  );
  return json({
    data: rows.map((bin) => ({
      ...bin,
      url: inspectorUrl(bin.id),
      createdAt: bin.createdAt.toISOString(),
      lastRequestAt: bin.lastRequestAt?.toISOString() ?? null,
    })),
    nextCursor,
  });
});

export const createInspectorRoute = apiRoute("inspector.manage", (call) =>
  idempotent(call, async () => {
    const { caller } = call;
    const { name } = await readBody(call.request, createBinSchema);
    const bin = await createBin(caller.workspace.id, name);
    await recordAudit(caller, {
      action: "inspector.created",
      resourceType: "inspector",
      resourceId: bin.id,
      resourceName: name,
    });
    return json(
      {
        ...bin,
        url: inspectorUrl(bin.id),
        createdAt: bin.createdAt.toISOString(),
        requestCount: 0,
        lastRequestAt: null,
      },
      201,
    );
  }),
);

export const deleteInspectorRoute = apiRoute<BinParams>("inspector.manage", async ({ caller, params }) => {
  const binId = requireBinId(params.inspectorId);
  const bin = await findBin(caller.workspace.id, binId);
  if (!bin || !(await deleteBin(caller.workspace.id, binId)))
    throw new NotFound("No inspector of this workspace has this id.");
  await recordAudit(caller, {
    action: "inspector.deleted",
    resourceType: "inspector",
    resourceId: binId,
    resourceName: bin.name,
  });
  return new Response(null, { status: 204 });
});

/** Captured requests, newest first. */
export const listCapturedRequestsRoute = apiRoute<BinParams>(null, async ({ caller, request, params }) => {
  const { cursor } = readQuery(request, capturedRequestQuerySchema);
  const rows = await listRequests(caller.workspace.id, requireBinId(params.inspectorId), {
    before: cursor ? BigInt(cursor) : undefined,
  });
  if (!rows) throw new NotFound("No inspector of this workspace has this id.");
  const data = rows.map(toRequestJson);
  return json({ data, nextCursor: rows.length === REQUESTS_PAGE_SIZE ? (data.at(-1)?.id ?? null) : null });
});

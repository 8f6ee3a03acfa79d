/** /api/v1/destinations: read destinations and their runs; activate, pause and run them. */
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { activateDestination, pauseDestination, runDestinationNow } from "@/lib/delivery/lifecycle";
import { getDestinationRun } from "@/lib/monitoring/destination-runs";
import type { ApiCaller } from "../authenticate";
import { json } from "../problem";
import { apiRoute, NotFound, readQuery, requireUuid } from "../route";
import { pageQuerySchema, runQuerySchema } from "./schemas";

type DestinationParams = { destinationId: string };

const destinationColumns = {
  id: true,
  name: true,
  status: true,
  connectorId: true,
  currentVersion: true,
  updatedAt: true,
  dataset: { select: { id: true, name: true } },
} as const;

type DestinationRow = {
  id: string;
  name: string;
  status: string;
  connectorId: string;
  currentVersion: number;
  updatedAt: Date;
  dataset: { id: string; name: string };
};

function asResource({ currentVersion, updatedAt, ...row }: DestinationRow) {
  return { ...row, version: currentVersion, updatedAt: updatedAt.toISOString() };
}

async function requireDestination(caller: ApiCaller, destinationId: string) {
  const row = await db().destination.findFirst({
    where: { id: requireUuid(destinationId, "destination"), workspaceId: caller.workspace.id },
    select: destinationColumns,
  });
  if (!row) throw new NotFound("No destination of this workspace has this id.");
  return row;
}

type RunRow = NonNullable<Awaited<ReturnType<typeof getDestinationRun>>>;

function asRun(run: RunRow) {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    stoppedBy: run.stoppedBy,
    version: run.version,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    records: {
      planned: run.recordsPlanned,
      delivered: run.recordsDelivered,
      failed: run.recordsFailed,
      skipped: run.recordsSkipped,
    },
    requests: {
      attempted: run.requestsAttempted,
      delivered: run.requestsDelivered,
      failed: run.requestsFailed,
    },
    lastError: run.lastError,
  };
}

export const listDestinationsRoute = apiRoute(null, async ({ caller, request }) => {
  const { cursor, limit } = readQuery(request, pageQuerySchema);
  const rows = await db().destination.findMany({
    where: { workspaceId: caller.workspace.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: requireUuid(cursor, "page at this cursor") }, skip: 1 } : {}),
    select: destinationColumns,
  });
  const page = rows.slice(0, limit);
  return json({
    data: page.map(asResource),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  });
});

export const getDestinationRoute = apiRoute<DestinationParams>(null, async ({ caller, params }) =>
  json(asResource(await requireDestination(caller, params.destinationId))),
);

/** Activate, Pause and Run Now, as the destination page's buttons do them. */
function lifecycleRoute(
  change: (workspaceId: string, destinationId: string) => Promise<void>,
  action: string,
) {
  return apiRoute<DestinationParams>("destinations.manage", async ({ caller, params }) => {
    const destination = await requireDestination(caller, params.destinationId);
    await change(caller.workspace.id, destination.id);
    await recordAudit(caller, {
      action: `destination.${action}`,
      resourceType: "destination",
      resourceId: destination.id,
      resourceName: destination.name,
      details: { via: `API token "${caller.token.name}"` },
    });
    return json(asResource(await requireDestination(caller, destination.id)));
  });
}

export const activateDestinationRoute = lifecycleRoute(activateDestination, "activated");
export const pauseDestinationRoute = lifecycleRoute(pauseDestination, "paused");
export const runDestinationRoute = lifecycleRoute(runDestinationNow, "run_started");

export const listRunsRoute = apiRoute<DestinationParams>(null, async ({ caller, request, params }) => {
  const destination = await requireDestination(caller, params.destinationId);
  const { cursor, limit, status } = readQuery(request, runQuerySchema);
  const rows = await db().run.findMany({
    where: { destinationId: destination.id, ...(status ? { status } : {}) },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: requireUuid(cursor, "page at this cursor") }, skip: 1 } : {}),
    select: { id: true },
  });
  const page = rows.slice(0, limit);
  const runs = await Promise.all(
    page.map((row) => getDestinationRun(caller.workspace.id, destination.id, row.id)),
  );
  return json({
    data: runs.flatMap((run) => (run ? [asRun(run)] : [])),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  });
});

export const getRunRoute = apiRoute<DestinationParams & { runId: string }>(
  null,
  async ({ caller, params }) => {
    const destination = await requireDestination(caller, params.destinationId);
    const run = await getDestinationRun(
      caller.workspace.id,
      destination.id,
      requireUuid(params.runId, "run"),
    );
    if (!run) throw new NotFound("This destination has no run with this id.");
    return json(asRun(run));
  },
);

/** /api/v1/destinations: read destinations and their runs; activate, pause and run them. */
import { UserError } from "@/lib/actions/user-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import {
  deliverySettingsSchema,
  readDeliverySettings,
  saveDeliverySettings,
} from "@/lib/delivery/delivery-settings";
import { activateDestination, pauseDestination, runDestinationNow } from "@/lib/delivery/lifecycle";
import {
  completeIfChanged,
  createCompleteDestination,
  type DestinationSummary,
  deleteDestination,
  getDestinationSummary,
  listDestinations,
  savedConfig,
} from "@/lib/destinations/manage-destinations";
import { getDestinationRun, listRunPage } from "@/lib/monitoring/destination-runs";
import { compareVersions } from "@/lib/monitoring/destination-versions";
import type { ApiCaller } from "../authenticate";
import { idempotent } from "../idempotency";
import { pageArgs, pageOf } from "../pages";
import { json } from "../problem";
import { apiRoute, NotFound, readBody, readQuery, requireUuid } from "../route";
import {
  changesQuerySchema,
  destinationConfigInput,
  newDestinationSchema,
  pageQuerySchema,
  runQuerySchema,
} from "./schemas";

type DestinationParams = { destinationId: string };

function asResource({ currentVersion, updatedAt, ...row }: DestinationSummary) {
  return { ...row, version: currentVersion, updatedAt: updatedAt.toISOString() };
}

async function requireDestination(caller: ApiCaller, destinationId: string) {
  const row = await getDestinationSummary(caller.workspace.id, requireUuid(destinationId, "destination"));
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
  const rows = await listDestinations(caller.workspace.id, pageArgs(cursor, limit));
  const { rows: page, nextCursor } = pageOf(rows, limit);
  return json({
    data: page.map(asResource),
    nextCursor,
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
  const page = await listRunPage(destination.id, status, pageArgs(cursor, limit));
  const { rows, nextCursor } = pageOf(page, limit);
  return json({ data: rows.map(asRun), nextCursor });
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

/** Creates and saves a destination in one call, as the wizard's steps and Done do. */
export const createDestinationRoute = apiRoute("destinations.manage", (call) =>
  idempotent(call, async () => {
    const { caller } = call;
    const input = await readBody(call.request, newDestinationSchema);
    const workspaceId = caller.workspace.id;
    if (!(await db().dataset.count({ where: { id: input.datasetId, workspaceId } })))
      throw new UserError("No dataset of this workspace has this id.", "datasetId");
    const { id, version } = await createCompleteDestination(
      workspaceId,
      { datasetId: input.datasetId, connectorId: input.connectorId, userId: caller.user.id },
      (defaults) => ({
        ...defaults,
        name: input.name,
        credentialId: input.credentialId ?? null,
        inspectorBinId: input.inspectorBinId ?? null,
        endpoint: { ...(input.endpoint ?? defaults.endpoint), connectorId: input.connectorId },
        responseWebhook: input.responseWebhook ?? false,
      }),
    );
    await recordAudit(caller, {
      action: "destination.configured",
      resourceType: "destination",
      resourceId: id,
      resourceName: input.name,
      details: { version, connector: input.connectorId, datasetId: input.datasetId },
    });
    return json(asResource(await requireDestination(caller, id)), 201, {
      location: `/api/v1/destinations/${id}`,
    });
  }),
);

/** The whole configuration: a new version when it differs from the one in force. */
export const updateDestinationRoute = apiRoute<DestinationParams>(
  "destinations.manage",
  async ({ caller, request, params }) => {
    const destination = await requireDestination(caller, params.destinationId);
    const config = await readBody(request, destinationConfigInput);
    const next = { ...config, endpoint: { ...config.endpoint, connectorId: destination.connectorId } };
    const saved = await completeIfChanged(caller.workspace.id, destination.id, next, caller.user.id);
    if (!saved) return json(asResource(destination));
    const comparison =
      saved.version > 1
        ? await compareVersions(caller.workspace.id, destination.id, saved.version - 1, saved.version)
        : null;
    await recordAudit(caller, {
      action: saved.version > 1 ? "destination.edited" : "destination.configured",
      resourceType: "destination",
      resourceId: destination.id,
      resourceName: next.name,
      details: {
        version: saved.version,
        ...(comparison ? { changes: comparison.changes } : {}),
      },
    });
    return json(asResource(await requireDestination(caller, destination.id)));
  },
);

export const destinationConfigRoute = apiRoute<DestinationParams>(null, async ({ caller, params }) => {
  const destination = await requireDestination(caller, params.destinationId);
  const config = await savedConfig(destination.id);
  if (!config) throw new NotFound("This destination has no saved version yet: save one with PUT first.");
  return json({ version: destination.currentVersion, config });
});

export const listVersionsRoute = apiRoute<DestinationParams>(null, async ({ caller, params }) => {
  const destination = await requireDestination(caller, params.destinationId);
  const versions = await db().destinationVersion.findMany({
    where: { destinationId: destination.id },
    orderBy: { version: "desc" },
    select: { version: true, createdAt: true },
  });
  return json({
    data: versions.map((row) => ({ version: row.version, createdAt: row.createdAt.toISOString() })),
  });
});

export const versionChangesRoute = apiRoute<DestinationParams & { version: string }>(
  null,
  async ({ caller, request, params }) => {
    const destination = await requireDestination(caller, params.destinationId);
    const to = Number(params.version);
    const { from = to - 1 } = readQuery(request, changesQuerySchema);
    const comparison = Number.isInteger(to)
      ? await compareVersions(caller.workspace.id, destination.id, from, to)
      : null;
    if (!comparison) throw new NotFound(`This destination has no version ${params.version} or ${from}.`);
    return json({ from: comparison.from.version, to: comparison.to.version, changes: comparison.changes });
  },
);

export const deleteDestinationRoute = apiRoute<DestinationParams>(
  "destinations.manage",
  async ({ caller, params }) => {
    const destination = await requireDestination(caller, params.destinationId);
    await deleteDestination(caller.workspace.id, destination.id);
    await recordAudit(caller, {
      action: "destination.deleted",
      resourceType: "destination",
      resourceId: destination.id,
      resourceName: destination.name,
    });
    return new Response(null, { status: 204 });
  },
);

export const readDeliverySettingsRoute = apiRoute<DestinationParams>(null, async ({ caller, params }) => {
  const destination = await requireDestination(caller, params.destinationId);
  return json(await readDeliverySettings(caller.workspace.id, destination.id));
});

/** Schedule, concurrency, attempts, retry delay and timeout, as the Settings tab saves them. */
export const saveDeliverySettingsRoute = apiRoute<DestinationParams>(
  "destinations.manage",
  async ({ caller, request, params }) => {
    const destination = await requireDestination(caller, params.destinationId);
    const settings = await readBody(request, deliverySettingsSchema);
    await saveDeliverySettings(caller.workspace.id, destination.id, settings);
    await recordAudit(caller, {
      action: "destination.delivery_settings_saved",
      resourceType: "destination",
      resourceId: destination.id,
      resourceName: destination.name,
      details: { settings },
    });
    return json(await readDeliverySettings(caller.workspace.id, destination.id));
  },
);

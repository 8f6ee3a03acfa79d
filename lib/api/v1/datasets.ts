/** /api/v1/datasets: the same functions the Datasets pages use, with the same audit events. */
import { recordAudit } from "@/lib/audit/record-audit";
import { ingestUrl } from "@/lib/datasets/ingest-url";
import { createDataset, deleteDataset, renameDataset } from "@/lib/datasets/manage-datasets";
import { type DatasetSummary, getDataset, listDatasets } from "@/lib/datasets/read-datasets";
import { schemaFields } from "@/lib/datasets/schema/infer-schema";
import { regenerateIngestKey } from "@/lib/datasets/store/ingest-key";
import { dbPool } from "@/lib/db/client";
import type { ApiCaller } from "../authenticate";
import { idempotent } from "../idempotency";
import { pageArgs, pageOf } from "../pages";
import { json } from "../problem";
import { apiRoute, NotFound, readBody, readQuery, requireUuid } from "../route";
import { createDatasetSchema, pageQuerySchema, renameDatasetSchema } from "./schemas";

type DatasetParams = { datasetId: string };

function asResource(dataset: DatasetSummary) {
  return {
    id: dataset.id,
    name: dataset.name,
    recordCount: dataset.recordCount,
    lastReceivedAt: dataset.lastReceivedAt?.toISOString() ?? null,
    createdAt: dataset.createdAt.toISOString(),
    destinations: dataset.destinations,
    ingestUrl: ingestUrl(dataset.id),
  };
}

async function requireDataset(caller: ApiCaller, datasetId: string) {
  const dataset = await getDataset(caller.workspace.id, requireUuid(datasetId, "dataset"));
  if (!dataset) throw new NotFound("No dataset of this workspace has this id.");
  return dataset;
}

export const listDatasetsRoute = apiRoute(null, async ({ caller, request }) => {
  const { cursor, limit } = readQuery(request, pageQuerySchema);
  const { rows, nextCursor } = pageOf(
    await listDatasets(caller.workspace.id, pageArgs(cursor, limit)),
    limit,
  );
  return json({ data: rows.map(asResource), nextCursor });
});

export const createDatasetRoute = apiRoute("datasets.manage", (call) =>
  idempotent(call, async () => {
    const { name } = await readBody(call.request, createDatasetSchema);
    const { caller } = call;
    const { id } = await createDataset(caller.workspace.id, name);
    const ingestKey = await regenerateIngestKey(caller.workspace.id, id);
    await recordAudit(caller, {
      action: "dataset.created",
      resourceType: "dataset",
      resourceId: id,
      resourceName: name,
      details: { source: "ingest endpoint" },
    });
    const dataset = await requireDataset(caller, id);
    return json({ ...asResource(dataset), ingestKey }, 201, { location: `/api/v1/datasets/${id}` });
  }),
);

export const getDatasetRoute = apiRoute<DatasetParams>(null, async ({ caller, params }) =>
  json(asResource(await requireDataset(caller, params.datasetId))),
);

export const renameDatasetRoute = apiRoute<DatasetParams>(
  "datasets.manage",
  async ({ caller, request, params }) => {
    const before = await requireDataset(caller, params.datasetId);
    const { name } = await readBody(request, renameDatasetSchema);
    await renameDataset(caller.workspace.id, before.id, name);
    await recordAudit(caller, {
      action: "dataset.renamed",
      resourceType: "dataset",
      resourceId: before.id,
      resourceName: name,
      details: {
        changes: [{ path: "name", kind: "changed", before: before.name, after: name }],
      },
    });
    return json(asResource(await requireDataset(caller, before.id)));
  },
);

export const deleteDatasetRoute = apiRoute<DatasetParams>("datasets.manage", async ({ caller, params }) => {
  const dataset = await requireDataset(caller, params.datasetId);
  await deleteDataset(caller.workspace.id, dataset.id);
  await recordAudit(caller, {
    action: "dataset.deleted",
    resourceType: "dataset",
    resourceId: dataset.id,
    resourceName: dataset.name,
  });
  return new Response(null, { status: 204 });
});

export const datasetSchemaRoute = apiRoute<DatasetParams>(null, async ({ caller, params }) => {
  const { schema } = await requireDataset(caller, params.datasetId);
  return json({
    records: schema.records,
    truncated: schema.truncated ?? false,
    fields: schemaFields(schema),
  });
});

/** The dataset's records, newest first: a page stays the same while records arrive. */
export const datasetRecordsRoute = apiRoute<DatasetParams>(null, async ({ caller, request, params }) => {
  const dataset = await requireDataset(caller, params.datasetId);
  const { cursor, limit } = readQuery(request, pageQuerySchema);
  const before = cursor === undefined ? null : /^\d{1,19}$/.test(cursor) ? cursor : "0";
  const { rows } = await dbPool().query<{ id: string; number: number; receivedAt: Date; data: unknown }>(
    `SELECT id::text AS id, position::double precision AS number, received_at AT TIME ZONE 'UTC' AS "receivedAt", data
       FROM records WHERE dataset_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
      ORDER BY dataset_id, id DESC LIMIT $3`,
    [dataset.id, before, limit + 1],
  );
  const { rows: page, nextCursor } = pageOf(rows, limit);
  return json({
    data: page.map((row) => ({ ...row, receivedAt: row.receivedAt.toISOString() })),
    nextCursor,
  });
});

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { permittedAction } from "@/lib/actions/action";
import { UserError } from "@/lib/actions/user-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { resourceName } from "@/lib/audit/resource-name";
import { datasetNameSchema } from "@/lib/datasets/dataset-name";
import { createDataset, deleteDataset, renameDataset } from "@/lib/datasets/manage-datasets";
import { createSampleDataset } from "@/lib/datasets/sample-dataset";
import { regenerateIngestKey } from "@/lib/datasets/store/ingest-key";

/** An empty dataset fed by the ingest endpoint; its key is returned this once. */
export const createEmptyDatasetAction = permittedAction(
  "datasets.manage",
  z.object({ name: datasetNameSchema }),
  async ({ name }, session) => {
    const { id } = await createDataset(session.workspace.id, name);
    const ingestKey = await regenerateIngestKey(session.workspace.id, id);
    if (!ingestKey) throw new UserError("This dataset no longer exists.");
    await recordAudit(session, {
      action: "dataset.created",
      resourceType: "dataset",
      resourceId: id,
      resourceName: name,
      details: { source: "ingest endpoint" },
    });
    revalidatePath("/datasets");
    return { id, ingestKey };
  },
);

export const createSampleDatasetAction = permittedAction(
  "datasets.manage",
  z.object({}),
  async (_, session) => {
    const created = await createSampleDataset(session.workspace.id);
    await recordAudit(session, {
      action: "dataset.created",
      resourceType: "dataset",
      resourceId: created.id,
      resourceName: await resourceName("dataset", session.workspace.id, created.id),
      details: { source: "sample" },
    });
    revalidatePath("/datasets");
    return created;
  },
);

export const renameDatasetAction = permittedAction(
  "datasets.manage",
  z.object({ id: z.uuid(), name: datasetNameSchema }),
  async ({ id, name }, session) => {
    const before = await resourceName("dataset", session.workspace.id, id);
    await renameDataset(session.workspace.id, id, name);
    await recordAudit(session, {
      action: "dataset.renamed",
      resourceType: "dataset",
      resourceId: id,
      resourceName: name,
      details: { changes: [{ path: "name", kind: "changed", before, after: name }] },
    });
    revalidatePath(`/datasets/${id}`);
  },
);

export const deleteDatasetAction = permittedAction(
  "datasets.manage",
  z.object({ id: z.uuid() }),
  async ({ id }, session) => {
    const name = await resourceName("dataset", session.workspace.id, id);
    await deleteDataset(session.workspace.id, id);
    await recordAudit(session, {
      action: "dataset.deleted",
      resourceType: "dataset",
      resourceId: id,
      resourceName: name,
    });
    revalidatePath("/datasets");
  },
);

/** A new ingest key; the old one stops working at once. */
export const regenerateIngestKeyAction = permittedAction(
  "ingestKeys.manage",
  z.object({ id: z.uuid() }),
  async ({ id }, session) => {
    const ingestKey = await regenerateIngestKey(session.workspace.id, id);
    if (!ingestKey) throw new UserError("This dataset no longer exists.");
    await recordAudit(session, {
      action: "dataset.ingest_key_regenerated",
      resourceType: "dataset",
      resourceId: id,
      resourceName: await resourceName("dataset", session.workspace.id, id),
    });
    revalidatePath(`/datasets/${id}`);
    return { ingestKey };
  },
);

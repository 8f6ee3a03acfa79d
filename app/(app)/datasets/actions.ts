"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction } from "@/lib/actions/action";
import { UserError } from "@/lib/actions/user-error";
import { datasetNameSchema } from "@/lib/datasets/dataset-name";
import { createDataset, deleteDataset, renameDataset } from "@/lib/datasets/manage-datasets";
import { createSampleDataset } from "@/lib/datasets/sample-dataset";
import { regenerateIngestKey } from "@/lib/datasets/store/ingest-key";

/** An empty dataset fed by the ingest endpoint; its key is returned this once. */
export const createEmptyDatasetAction = workspaceAction(
  z.object({ name: datasetNameSchema }),
  async ({ name }, session) => {
    const { id } = await createDataset(session.workspace.id, name);
    const ingestKey = await regenerateIngestKey(session.workspace.id, id);
    if (!ingestKey) throw new UserError("This dataset no longer exists.");
    revalidatePath("/datasets");
    return { id, ingestKey };
  },
);

export const createSampleDatasetAction = workspaceAction(z.object({}), async (_, session) => {
  const created = await createSampleDataset(session.workspace.id);
  revalidatePath("/datasets");
  return created;
});

export const renameDatasetAction = workspaceAction(
  z.object({ id: z.uuid(), name: datasetNameSchema }),
  async ({ id, name }, session) => {
    await renameDataset(session.workspace.id, id, name);
    revalidatePath(`/datasets/${id}`);
  },
);

export const deleteDatasetAction = workspaceAction(z.object({ id: z.uuid() }), async ({ id }, session) => {
  await deleteDataset(session.workspace.id, id);
  revalidatePath("/datasets");
});

/** A new ingest key; the old one stops working at once. */
export const regenerateIngestKeyAction = workspaceAction(
  z.object({ id: z.uuid() }),
  async ({ id }, session) => {
    const ingestKey = await regenerateIngestKey(session.workspace.id, id);
    if (!ingestKey) throw new UserError("This dataset no longer exists.");
    revalidatePath(`/datasets/${id}`);
    return { ingestKey };
  },
);

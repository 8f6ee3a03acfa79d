"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction } from "@/lib/actions/action";
import { refreshAccountFacts } from "@/lib/credentials/account-facts";
import { destinationConfigSchema } from "@/lib/destinations/destination-config";
import {
  completeDestination,
  createDestinationDraft,
  saveDestinationDraft,
} from "@/lib/destinations/manage-destinations";
import { previewRequests } from "@/lib/destinations/preview-requests";
import { sendTestData } from "@/lib/destinations/send-test-data";

export const createDestinationDraftAction = workspaceAction(
  z.object({ datasetId: z.uuid(), connectorId: z.string().min(1, "Choose a connector.") }),
  async ({ datasetId, connectorId }, session) =>
    createDestinationDraft(session.workspace.id, datasetId, connectorId),
);

/** Next: the wizard's progress is kept, so a reload resumes it. */
export const saveDestinationDraftAction = workspaceAction(
  z.object({ id: z.uuid(), config: destinationConfigSchema }),
  async ({ id, config }, session) => {
    await saveDestinationDraft(session.workspace.id, id, config);
  },
);

export const previewAction = workspaceAction(
  z.object({ id: z.uuid(), config: destinationConfigSchema, count: z.number().int().min(1).max(10) }),
  async ({ id, config, count }, session) => previewRequests(session.workspace.id, id, config, count),
);

export const sendTestDataAction = workspaceAction(
  z.object({
    id: z.uuid(),
    config: destinationConfigSchema,
    requestIndex: z.number().int().min(0).max(9),
    body: z.string().max(5_000_000).nullable(),
    inspectorBinId: z.string().max(100).nullable(),
  }),
  async ({ id, ...input }, session) => sendTestData(session.workspace.id, id, input),
);

/** Done: a new immutable version; the destination stays inactive. */
export const completeDestinationAction = workspaceAction(
  z.object({ id: z.uuid(), config: destinationConfigSchema }),
  async ({ id, config }, session) => {
    const saved = await completeDestination(session.workspace.id, id, config, session.user.id);
    revalidatePath("/destinations");
    return saved;
  },
);

/** Refresh properties: read the account's facts (HubSpot's contact properties) again now. */
export const refreshAccountFactsAction = workspaceAction(
  z.object({ credentialId: z.uuid() }),
  async ({ credentialId }, session) => refreshAccountFacts(session.workspace.id, credentialId),
);

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { permittedAction } from "@/lib/actions/action";
import { recordAudit } from "@/lib/audit/record-audit";
import { resourceName } from "@/lib/audit/resource-name";
import { refreshAccountFacts } from "@/lib/credentials/account-facts";
import { destinationConfigSchema } from "@/lib/destinations/destination-config";
import {
  completeDestination,
  createDestinationDraft,
  saveDestinationDraft,
  wizardDraftStep,
} from "@/lib/destinations/manage-destinations";
import { previewRequests } from "@/lib/destinations/preview-requests";
import { sendTestData } from "@/lib/destinations/send-test-data";
import { compareVersions } from "@/lib/monitoring/destination-versions";

export const createDestinationDraftAction = permittedAction(
  "destinations.manage",
  z.object({ datasetId: z.uuid(), connectorId: z.string().min(1, "Choose a connector.") }),
  async ({ datasetId, connectorId }, session) => {
    const created = await createDestinationDraft(session.workspace.id, datasetId, connectorId);
    await recordAudit(session, {
      action: "destination.created",
      resourceType: "destination",
      resourceId: created.id,
      resourceName: await resourceName("destination", session.workspace.id, created.id),
      details: { connector: connectorId, datasetId },
    });
    return created;
  },
);

/** As the user types, and on Next and Back: the wizard's progress is kept, so a reload resumes it. */
export const saveDestinationDraftAction = permittedAction(
  "destinations.manage",
  z.object({ id: z.uuid(), config: destinationConfigSchema, step: wizardDraftStep }),
  async ({ id, config, step }, session) => {
    await saveDestinationDraft(session.workspace.id, id, config, step);
  },
);

export const previewAction = permittedAction(
  "destinations.manage",
  z.object({ id: z.uuid(), config: destinationConfigSchema, count: z.number().int().min(1).max(10) }),
  async ({ id, config, count }, session) => previewRequests(session.workspace.id, id, config, count),
);

export const sendTestDataAction = permittedAction(
  "destinations.manage",
  z.object({
    id: z.uuid(),
    config: destinationConfigSchema,
    requestIndex: z.number().int().min(0).max(9),
    body: z.string().max(5_000_000).nullable(),
    inspectorBinId: z.string().max(100).nullable(),
  }),
  async ({ id, ...input }, session) => {
    const result = await sendTestData(session.workspace.id, id, input);
    await recordAudit(session, {
      action: "destination.test_data_sent",
      resourceType: "destination",
      resourceId: id,
      resourceName: input.config.name || (await resourceName("destination", session.workspace.id, id)),
      details: { request: input.requestIndex + 1, toInspector: input.inspectorBinId !== null },
    });
    return result;
  },
);

/** Done: a new immutable version; the destination stays inactive. */
export const completeDestinationAction = permittedAction(
  "destinations.manage",
  z.object({ id: z.uuid(), config: destinationConfigSchema }),
  async ({ id, config }, session) => {
    const saved = await completeDestination(session.workspace.id, id, config, session.user.id);
    const comparison =
      saved.version > 1
        ? await compareVersions(session.workspace.id, id, saved.version - 1, saved.version)
        : null;
    await recordAudit(session, {
      action: saved.version > 1 ? "destination.edited" : "destination.configured",
      resourceType: "destination",
      resourceId: id,
      resourceName: config.name,
      details: { version: saved.version, ...(comparison ? { changes: comparison.changes } : {}) },
    });
    revalidatePath("/destinations");
    return saved;
  },
);

/** Refresh properties: read the account's facts (HubSpot's contact properties) again now. */
export const refreshAccountFactsAction = permittedAction(
  "destinations.manage",
  z.object({ credentialId: z.uuid() }),
  async ({ credentialId }, session) => refreshAccountFacts(session.workspace.id, credentialId),
);

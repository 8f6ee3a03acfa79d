import { z } from "zod";
import { StateConflict, UserError } from "@/lib/actions/user-error";
import { findConnector } from "@/lib/connectors/registry";
import { templateForConfig } from "@/lib/connectors/templates/find-template";
import { schemaFields, storedSchema } from "@/lib/datasets/schema/infer-schema";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Page } from "@/lib/db/page";
import { type DestinationState, destinationMachine } from "@/lib/delivery/model/destination-state";
import { stringifyJson } from "@/lib/json/exact-json";
import { validateEndpointConfig } from "@/lib/payload/validate-endpoint-config";
import { defaultConfig } from "./default-config";
import { type DestinationConfig, destinationConfigSchema } from "./destination-config";
import { endpointScopeErrors } from "./endpoint-scope";
import { manualEnvelopeErrors } from "./manual-envelope";
import { resolveTarget } from "./resolve-target";

/** Step 1 of the wizard: a draft destination for a dataset and a connector. */
export async function createDestinationDraft(
  workspaceId: string,
  datasetId: string,
  connectorId: string,
): Promise<{ id: string }> {
  const connector = findConnector(connectorId);
  if (!connector) throw new UserError("Choose a connector.", "connectorId");
  const dataset = await db().dataset.findFirst({
    where: { id: datasetId, workspaceId },
    select: { name: true, schema: true },
  });
  if (!dataset) throw new UserError("This dataset no longer exists.");
  const config = defaultConfig(connector, dataset.name, schemaFields(storedSchema(dataset.schema)));
  const name = await unusedName(workspaceId, config.name);
  const created = await db().destination.create({
    data: { workspaceId, datasetId, connectorId, name, draft: asJson({ ...config, name }) },
    select: { id: true },
  });
  return created;
}

export type DestinationDetail = {
  id: string;
  name: string;
  status: DestinationState;
  connectorId: string;
  dataset: { id: string; name: string };
  currentVersion: number;
  /** What the wizard edits: the draft if there is one, else the current version. */
  config: DestinationConfig;
  /** The wizard step the draft was last saved on; null without a draft. */
  draftStep: WizardDraftStep | null;
  versions: { version: number; createdAt: Date }[];
};

export async function getDestination(workspaceId: string, id: string): Promise<DestinationDetail | null> {
  const row = await db().destination.findFirst({
    where: { id, workspaceId },
    include: {
      dataset: { select: { id: true, name: true } },
      versions: { orderBy: { version: "desc" }, select: { version: true, createdAt: true, config: true } },
    },
  });
  if (!row) return null;
  const stored = row.draft ?? row.versions[0]?.config;
  const config = destinationConfigSchema.parse(stored);
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    connectorId: row.connectorId,
    dataset: row.dataset,
    currentVersion: row.currentVersion,
    config,
    draftStep: row.draft ? wizardDraftStep.nullable().catch(null).parse(row.draftStep) : null,
    versions: row.versions.map(({ version, createdAt }) => ({ version, createdAt })),
  };
}

/** The wizard's steps after the connector is chosen: where a draft can be left. */
export const wizardDraftStep = z.enum(["credential", "endpoint", "review"]);
export type WizardDraftStep = z.infer<typeof wizardDraftStep>;

/**
 * Saves the wizard's progress (as the user types, and on Next and Back) and the step it is on,
 * without creating a version.
 */
export async function saveDestinationDraft(
  workspaceId: string,
  id: string,
  config: DestinationConfig,
  step: WizardDraftStep,
): Promise<void> {
  const { connectorId } = await findOwnDestination(workspaceId, id);
  await checkCredential(workspaceId, connectorId, config.credentialId);
  const draft: DestinationConfig = { ...config, endpoint: { ...config.endpoint, connectorId } };
  await db().destination.updateMany({
    where: { id, workspaceId },
    data: { draft: asJson(draft), draftStep: step, credentialId: config.credentialId },
  });
}

/** Done: the draft becomes the next immutable version, and the destination takes its name. */
export async function completeDestination(
  workspaceId: string,
  id: string,
  config: DestinationConfig,
  userId: string,
): Promise<{ version: number }> {
  if (!config.name) throw new UserError("Name the destination.", "name");
  const { connectorId } = await findOwnDestination(workspaceId, id);
  if (config.endpoint.connectorId !== connectorId) {
    throw new UserError(
      "This endpoint belongs to another connector: choose one of this destination's endpoints.",
      "endpoint.templateId",
    );
  }
  const target = await resolveTarget(workspaceId, connectorId, config);
  const endpointErrors = validateEndpointConfig(config.endpoint, templateForConfig(config.endpoint));
  if (Object.keys(endpointErrors).length === 0)
    Object.assign(
      endpointErrors,
      endpointScopeErrors(config.endpoint, target),
      manualEnvelopeErrors({ ...config.endpoint, connectorId }),
    );
  if (Object.keys(endpointErrors).length > 0) {
    throw UserError.forFields(
      Object.fromEntries(
        Object.entries(endpointErrors).map(([key, message]) => [`endpoint.${key}`, message]),
      ),
    );
  }
  const nameTaken = await db().destination.count({ where: { workspaceId, name: config.name, NOT: { id } } });
  if (nameTaken > 0) throw new UserError("Another destination already has this name.", "name");
  try {
    return await db().$transaction(async (tx) => {
      // The increment takes the row lock: Done clicked twice at once makes two versions in turn.
      const { currentVersion: version } = await tx.destination.update({
        where: { id },
        data: {
          currentVersion: { increment: 1 },
          name: config.name,
          credentialId: config.credentialId,
          draft: Prisma.DbNull,
          draftStep: null,
        },
        select: { currentVersion: true },
      });
      await tx.destinationVersion.create({
        data: { destinationId: id, version, config: asJson(config), createdById: userId },
      });
      return { version };
    });
  } catch (error) {
    // The only unique key left to collide on is the name, taken by another Done at the same moment.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new UserError("Another destination already has this name.", "name");
    }
    throw error;
  }
}

const summaryFields = {
  id: true,
  name: true,
  status: true,
  connectorId: true,
  currentVersion: true,
  updatedAt: true,
  dataset: { select: { id: true, name: true } },
} as const;

/** A workspace's destinations, newest first; `page` narrows it to a page (lib/api/pages.ts). */
export async function listDestinations(workspaceId: string, page: Page = {}) {
  return db().destination.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: summaryFields,
    ...page,
  });
}

export type DestinationSummary = Awaited<ReturnType<typeof listDestinations>>[number];

/** One destination as listDestinations gives it, or null for another workspace's or an unknown id. */
export async function getDestinationSummary(
  workspaceId: string,
  id: string,
): Promise<DestinationSummary | null> {
  return db().destination.findFirst({ where: { id, workspaceId }, select: summaryFields });
}

async function findOwnDestination(workspaceId: string, id: string): Promise<{ connectorId: string }> {
  const destination = await db().destination.findFirst({
    where: { id, workspaceId },
    select: { connectorId: true },
  });
  if (!destination) throw new UserError("This destination no longer exists.");
  return destination;
}

async function checkCredential(workspaceId: string, connectorId: string, credentialId: string | null) {
  if (!credentialId) return;
  const credential = await db().credential.findFirst({
    where: { id: credentialId, workspaceId },
    select: { connectorId: true },
  });
  if (credential?.connectorId !== connectorId) {
    throw new UserError("Choose one of this connector's credentials.", "credentialId");
  }
}

/** The default name, or the same with the first free number: "Signups → HubSpot 2". */
async function unusedName(workspaceId: string, base: string): Promise<string> {
  const rows = await db().destination.findMany({
    where: { workspaceId, name: { startsWith: base } },
    select: { name: true },
  });
  const taken = new Set(rows.map((row) => row.name));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} ${n}`)) n += 1;
  return `${base} ${n}`;
}

/** A config is plain JSON by construction (it is parsed from JSON by destinationConfigSchema). */
function asJson(config: DestinationConfig): Prisma.InputJsonValue {
  return config as unknown as Prisma.InputJsonValue;
}

/**
 * Deletes a destination with its versions, runs, request log and failed records. Refused while it
 * is delivering: pause it first, so no request is on its way when its records are forgotten.
 */
export async function deleteDestination(workspaceId: string, id: string): Promise<{ name: string }> {
  const destination = await db().destination.findFirst({
    where: { id, workspaceId },
    select: { name: true, status: true },
  });
  if (!destination) throw new UserError("This destination no longer exists.");
  if (destinationMachine.fromStates("pause").includes(destination.status)) {
    throw new StateConflict(`"${destination.name}" is delivering: pause it first.`);
  }
  await db().destination.deleteMany({ where: { id, workspaceId } });
  return { name: destination.name };
}

/** The configuration of the version in force (the newest: versions only ever add), or null before the first Done. */
export async function savedConfig(destinationId: string): Promise<DestinationConfig | null> {
  const row = await db().destinationVersion.findFirst({
    where: { destinationId },
    orderBy: { version: "desc" },
    select: { config: true },
  });
  return row ? destinationConfigSchema.parse(row.config) : null;
}

/**
 * Done for a configuration that may be the one in force already (a script or a flows document
 * sends it whole): a new version only when it differs. Null when nothing changed.
 */
export async function completeIfChanged(
  workspaceId: string,
  id: string,
  config: DestinationConfig,
  userId: string,
): Promise<{ version: number } | null> {
  const current = await savedConfig(id);
  if (current && stringifyJson(current) === stringifyJson(config)) return null;
  return completeDestination(workspaceId, id, config, userId);
}

/**
 * The wizard's steps and Done in one go: a draft with the connector's defaults, configured by
 * `configure` and saved as version 1. When Done refuses it, nothing is left behind.
 */
export async function createCompleteDestination(
  workspaceId: string,
  input: { datasetId: string; connectorId: string; userId: string },
  configure: (defaults: DestinationConfig) => DestinationConfig,
): Promise<{ id: string; version: number }> {
  const { id } = await createDestinationDraft(workspaceId, input.datasetId, input.connectorId);
  try {
    const draft = await getDestination(workspaceId, id);
    if (!draft) throw new UserError("This destination no longer exists.");
    const config = configure(draft.config);
    const saved = await completeDestination(
      workspaceId,
      id,
      { ...config, endpoint: { ...config.endpoint, connectorId: input.connectorId } },
      input.userId,
    );
    return { id, version: saved.version };
  } catch (error) {
    await db().destination.deleteMany({ where: { id, workspaceId } });
    throw error;
  }
}

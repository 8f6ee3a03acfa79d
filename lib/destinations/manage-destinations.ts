import { UserError } from "@/lib/actions/user-error";
import { findConnector } from "@/lib/connectors/registry";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { validateEndpointConfig } from "@/lib/payload/validate-endpoint-config";
import { defaultConfig } from "./default-config";
import { type DestinationConfig, destinationConfigSchema } from "./destination-config";
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
    select: { name: true },
  });
  if (!dataset) throw new UserError("This dataset no longer exists.");
  const config = defaultConfig(connector, dataset.name);
  const taken = await db().destination.count({ where: { workspaceId, name: { startsWith: config.name } } });
  const name = taken === 0 ? config.name : `${config.name} ${taken + 1}`;
  const created = await db().destination.create({
    data: { workspaceId, datasetId, connectorId, name, draft: asJson({ ...config, name }) },
    select: { id: true },
  });
  return created;
}

export type DestinationDetail = {
  id: string;
  name: string;
  status: "draft" | "active" | "paused" | "failing";
  connectorId: string;
  dataset: { id: string; name: string };
  currentVersion: number;
  /** What the wizard edits: the draft if there is one, else the current version. */
  config: DestinationConfig;
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
    versions: row.versions.map(({ version, createdAt }) => ({ version, createdAt })),
  };
}

/** Saves the wizard's progress (on every Next), without creating a version. */
export async function saveDestinationDraft(
  workspaceId: string,
  id: string,
  config: DestinationConfig,
): Promise<void> {
  await checkCredential(workspaceId, id, config.credentialId);
  const { count } = await db().destination.updateMany({
    where: { id, workspaceId },
    data: { draft: asJson(config), credentialId: config.credentialId },
  });
  if (count === 0) throw new UserError("This destination no longer exists.");
}

/** Done: the draft becomes the next immutable version, and the destination takes its name. */
export async function completeDestination(
  workspaceId: string,
  id: string,
  config: DestinationConfig,
  userId: string,
): Promise<{ version: number }> {
  if (!config.name) throw new UserError("Name the destination.", "name");
  const destination = await db().destination.findFirst({
    where: { id, workspaceId },
    select: { connectorId: true },
  });
  if (!destination) throw new UserError("This destination no longer exists.");
  await resolveTarget(workspaceId, destination.connectorId, config);
  const endpointErrors = validateEndpointConfig(config.endpoint);
  if (Object.keys(endpointErrors).length > 0) {
    throw UserError.forFields(
      Object.fromEntries(
        Object.entries(endpointErrors).map(([key, message]) => [`endpoint.${key}`, message]),
      ),
    );
  }
  try {
    return await db().$transaction(async (tx) => {
      const destination = await tx.destination.findFirst({
        where: { id, workspaceId },
        select: { currentVersion: true },
      });
      if (!destination) throw new UserError("This destination no longer exists.");
      const version = destination.currentVersion + 1;
      await tx.destinationVersion.create({
        data: { destinationId: id, version, config: asJson(config), createdById: userId },
      });
      await tx.destination.update({
        where: { id },
        data: {
          name: config.name,
          credentialId: config.credentialId,
          currentVersion: version,
          draft: Prisma.DbNull,
        },
      });
      return { version };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new UserError("Another destination already has this name.", "name");
    }
    throw error;
  }
}

export async function listDestinations(workspaceId: string) {
  return db().destination.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      status: true,
      connectorId: true,
      currentVersion: true,
      updatedAt: true,
      dataset: { select: { id: true, name: true } },
    },
  });
}

async function checkCredential(workspaceId: string, destinationId: string, credentialId: string | null) {
  if (!credentialId) return;
  const destination = await db().destination.findFirst({
    where: { id: destinationId, workspaceId },
    select: { connectorId: true },
  });
  const credential = await db().credential.findFirst({
    where: { id: credentialId, workspaceId },
    select: { connectorId: true },
  });
  if (!credential || credential.connectorId !== destination?.connectorId) {
    throw new UserError("Choose one of this connector's credentials.", "credentialId");
  }
}

/** A config is plain JSON by construction (it is parsed from JSON by destinationConfigSchema). */
function asJson(config: DestinationConfig): Prisma.InputJsonValue {
  return config as unknown as Prisma.InputJsonValue;
}

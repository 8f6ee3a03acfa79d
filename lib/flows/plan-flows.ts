/**
 * What applying a flows document would do to the workspace, compared by name: each dataset,
 * credential and destination is created, changed (field by field, in the wizard's words) or left
 * unchanged; destinations the document no longer lists are deleted. Datasets and credentials it
 * does not list are kept: deleting records or keys belongs to the UI, where it is confirmed.
 */
import { findConnector } from "@/lib/connectors/registry";
import { credentialRateLimit } from "@/lib/credentials/rate-limit-usage";
import { loadCredentialInUse } from "@/lib/credentials/resolve-credential";
import { db } from "@/lib/db/client";
import { type DeliverySettings, readDeliverySettings } from "@/lib/delivery/delivery-settings";
import { sends } from "@/lib/delivery/model/destination-state";
import type { DestinationConfig } from "@/lib/destinations/destination-config";
import { savedConfig } from "@/lib/destinations/manage-destinations";
import { stringifyJson } from "@/lib/json/exact-json";
import { type ConfigChange, diffConfig } from "@/lib/monitoring/config-diff";
import { type CredentialEntry, type DestinationEntry, type FlowsDocument, PLACEHOLDER } from "./document";

export type PlanAction = "create" | "change" | "delete" | "unchanged";

export type PlanItem = {
  kind: "dataset" | "credential" | "destination";
  name: string;
  action: PlanAction;
  changes: ConfigChange[];
};

export type Plan = {
  items: PlanItem[];
  /** What stops the document from being applied, each at its place in the document. */
  problems: { path: string; message: string }[];
  hasChanges: boolean;
};

type Workspace = Awaited<ReturnType<typeof readWorkspace>>;

async function readWorkspace(workspaceId: string) {
  const [datasets, credentials, destinations, bins] = await Promise.all([
    db().dataset.findMany({ where: { workspaceId }, select: { id: true, name: true } }),
    db().credential.findMany({ where: { workspaceId }, select: { id: true, name: true, connectorId: true } }),
    db().destination.findMany({
      where: { workspaceId },
      select: {
        id: true,
        name: true,
        status: true,
        connectorId: true,
        datasetId: true,
        currentVersion: true,
      },
    }),
    db().inspectorBin.findMany({ where: { workspaceId }, select: { id: true, name: true } }),
  ]);
  return { datasets, credentials, destinations, bins };
}

export async function planFlows(workspaceId: string, document: FlowsDocument): Promise<Plan> {
  const workspace = await readWorkspace(workspaceId);
  const problems: Plan["problems"] = [];
  const items: PlanItem[] = [];
  for (const [path, list] of [
    ["datasets", document.datasets],
    ["credentials", document.credentials],
    ["destinations", document.destinations],
  ] as const) {
    const seen = new Set<string>();
    list.forEach((entry, index) => {
      if (seen.has(entry.name))
        problems.push({ path: `${path}.${index}.name`, message: `"${entry.name}" is listed twice.` });
      seen.add(entry.name);
    });
  }

  for (const dataset of document.datasets) {
    const exists = workspace.datasets.some((row) => row.name === dataset.name);
    items.push({ kind: "dataset", name: dataset.name, action: exists ? "unchanged" : "create", changes: [] });
  }
  for (const [index, credential] of document.credentials.entries()) {
    items.push(await planCredential(workspaceId, workspace, credential, `credentials.${index}`, problems));
  }
  for (const [index, destination] of document.destinations.entries()) {
    items.push(
      await planDestination(workspaceId, workspace, document, destination, `destinations.${index}`, problems),
    );
  }
  for (const destination of workspace.destinations) {
    if (document.destinations.some((entry) => entry.name === destination.name)) continue;
    if (sends(destination.status)) {
      problems.push({
        path: "destinations",
        message: `"${destination.name}" is not in the document but is delivering: pause it, or add it back.`,
      });
    }
    items.push({ kind: "destination", name: destination.name, action: "delete", changes: [] });
  }
  return { items, problems, hasChanges: items.some((item) => item.action !== "unchanged") };
}

async function planCredential(
  workspaceId: string,
  workspace: Workspace,
  entry: CredentialEntry,
  path: string,
  problems: Plan["problems"],
): Promise<PlanItem> {
  const connector = findConnector(entry.connector);
  if (!connector?.needsCredential) {
    problems.push({
      path: `${path}.connector`,
      message: `"${entry.connector}" is not a connector that takes a credential.`,
    });
  }
  const existing = workspace.credentials.find((row) => row.name === entry.name);
  const unresolved = Object.entries(entry.secrets).filter(([, value]) => PLACEHOLDER.test(value));
  if (!existing) {
    for (const [field, value] of unresolved) {
      problems.push({
        path: `${path}.secrets.${field}`,
        message: `A new credential needs its secrets: set ${value.slice(2, -1)} where the document is read (npm run outflow substitutes it).`,
      });
    }
    return { kind: "credential", name: entry.name, action: "create", changes: [] };
  }
  if (existing.connectorId !== entry.connector) {
    problems.push({
      path: `${path}.connector`,
      message: `"${entry.name}" is a ${existing.connectorId} credential: a credential's connector cannot change.`,
    });
  }
  const saved = await loadCredentialInUse(workspaceId, existing.id);
  const row = await db().credential.findUniqueOrThrow({
    where: { id: existing.id },
    select: {
      settings: true,
      baseUrl: true,
      tokenUrl: true,
      allowedDomains: true,
      rateLimitRequests: true,
      rateLimitWindowSeconds: true,
    },
  });
  const changes: ConfigChange[] = [];
  const compare = (label: string, before: unknown, after: unknown) => {
    if (stringifyJson(before ?? null) !== stringifyJson(after ?? null))
      changes.push({ path: label, kind: "changed", before, after });
  };
  const settings = row.settings as Record<string, string>;
  for (const field of new Set([...Object.keys(settings), ...Object.keys(entry.settings)])) {
    compare(`Setting ${field}`, settings[field], entry.settings[field]);
  }
  for (const [field, value] of Object.entries(entry.secrets)) {
    // A placeholder keeps the saved secret; a value is compared with it, and never shown.
    if (!PLACEHOLDER.test(value) && saved?.resolved.values[field] !== value)
      changes.push({ path: `Secret ${field}`, kind: "changed", before: "••••", after: "•••• (new value)" });
  }
  compare("API base URL", row.baseUrl, entry.baseUrl);
  compare("Token URL", row.tokenUrl, entry.tokenUrl);
  compare("Allowed domains", row.allowedDomains, entry.allowedDomains);
  compare("Rate limit", credentialRateLimit(row), entry.rateLimit);
  return {
    kind: "credential",
    name: entry.name,
    action: changes.length > 0 ? "change" : "unchanged",
    changes,
  };
}

/** The configuration a destination entry stands for, with names resolved to ids (null: not yet created). */
export function configOf(
  entry: DestinationEntry,
  ids: { credentialId: string | null; inspectorBinId: string | null },
): DestinationConfig {
  return {
    name: entry.name,
    credentialId: ids.credentialId,
    inspectorBinId: ids.inspectorBinId,
    endpoint: { ...entry.endpoint, connectorId: entry.connector },
    responseWebhook: entry.responseWebhook,
  };
}

async function planDestination(
  workspaceId: string,
  workspace: Workspace,
  document: FlowsDocument,
  entry: DestinationEntry,
  path: string,
  problems: Plan["problems"],
): Promise<PlanItem> {
  if (!findConnector(entry.connector))
    problems.push({ path: `${path}.connector`, message: `"${entry.connector}" is not a connector.` });
  const dataset = workspace.datasets.find((row) => row.name === entry.dataset);
  if (!dataset && !document.datasets.some((row) => row.name === entry.dataset)) {
    problems.push({
      path: `${path}.dataset`,
      message: `No dataset "${entry.dataset}" in the workspace or the document.`,
    });
  }
  const credential = entry.credential
    ? workspace.credentials.find((row) => row.name === entry.credential)
    : null;
  if (entry.credential && !credential && !document.credentials.some((row) => row.name === entry.credential)) {
    problems.push({
      path: `${path}.credential`,
      message: `No credential "${entry.credential}" in the workspace or the document.`,
    });
  }
  const bin = entry.inspector ? workspace.bins.find((row) => row.name === entry.inspector) : null;
  if (entry.inspector && !bin) {
    problems.push({
      path: `${path}.inspector`,
      message: `No Request Inspector "${entry.inspector}": create it first.`,
    });
  }
  const existing = workspace.destinations.find((row) => row.name === entry.name);
  if (!existing) return { kind: "destination", name: entry.name, action: "create", changes: [] };
  if (existing.connectorId !== entry.connector) {
    problems.push({
      path: `${path}.connector`,
      message: `"${entry.name}" sends to ${existing.connectorId}: a destination's connector cannot change.`,
    });
  }
  if (dataset && existing.datasetId !== dataset.id) {
    problems.push({
      path: `${path}.dataset`,
      message: `"${entry.name}" sends another dataset: a destination's dataset cannot change.`,
    });
  }
  const before = await savedConfig(existing.id);
  // A credential the document creates has no id yet: compared by name, it counts as a change.
  const after = configOf(entry, {
    credentialId: credential?.id ?? (entry.credential ? "(new)" : null),
    inspectorBinId: bin?.id ?? null,
  });
  const changes: ConfigChange[] = before
    ? diffConfig(before, after)
    : [{ path: "Configuration", kind: "added" as const, after: "version 1" }];
  if (entry.delivery) {
    changes.push(...deliveryChanges(await readDeliverySettings(workspaceId, existing.id), entry.delivery));
  }
  return {
    kind: "destination",
    name: entry.name,
    action: changes.length > 0 ? "change" : "unchanged",
    changes,
  };
}

/** The Settings tab's words for each delivery setting. */
const DELIVERY_LABELS: Record<keyof DeliverySettings, string> = {
  schedule: "Schedule",
  intervalMinutes: "Minutes between runs",
  cron: "Cron expression (UTC)",
  concurrency: "Concurrency",
  maxAttempts: "Max attempts",
  retryBaseSeconds: "First retry delay (seconds)",
  requestTimeoutSeconds: "Request timeout (seconds)",
};

export function deliveryChanges(before: DeliverySettings, after: DeliverySettings): ConfigChange[] {
  return (Object.keys(DELIVERY_LABELS) as (keyof DeliverySettings)[]).flatMap((key) =>
    before[key] === after[key]
      ? []
      : [
          {
            path: `Delivery: ${DELIVERY_LABELS[key]}`,
            kind: "changed" as const,
            before: before[key] ?? null,
            after: after[key] ?? null,
          },
        ],
  );
}

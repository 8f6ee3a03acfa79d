/**
 * Applies a flows document as its plan says: datasets and credentials first, then destinations,
 * each saved by the functions the UI uses (a destination's change is a new version, as the
 * wizard's Done makes), then destinations the document no longer lists are deleted. All of it is
 * one transaction: nothing is applied when the plan has a problem or a step is refused on the
 * way, and the refusal says which step.
 */
import { UserError } from "@/lib/actions/user-error";
import { type AuditActor, recordAudit } from "@/lib/audit/record-audit";
import { credentialInputSchema } from "@/lib/credentials/credential-input";
import { saveCredential } from "@/lib/credentials/save-credential";
import { createDataset } from "@/lib/datasets/manage-datasets";
import { regenerateIngestKey } from "@/lib/datasets/store/ingest-key";
import { db } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { readDeliverySettings, saveDeliverySettings } from "@/lib/delivery/delivery-settings";
import {
  completeIfChanged,
  createCompleteDestination,
  deleteDestination,
} from "@/lib/destinations/manage-destinations";
import { type CredentialEntry, type FlowsDocument, PLACEHOLDER } from "./document";
import { configOf, deliveryChanges, type Plan } from "./plan-flows";

export type ApplyResult = { plan: Plan; applied: { kind: string; name: string; action: string }[] };

/** `plan`: planFlows's answer for this document, read just before (the caller checks it first). */
export async function applyFlows(
  actor: AuditActor & { user: { id: string } },
  document: FlowsDocument,
  plan: Plan,
): Promise<ApplyResult> {
  if (plan.problems.length > 0) {
    throw UserError.forFields(
      Object.fromEntries(plan.problems.map((problem) => [problem.path, problem.message])),
    );
  }
  const applied: ApplyResult["applied"] = [];
  await withTransaction(() => applyItems(actor, document, plan, applied));
  return { plan, applied };
}

async function applyItems(
  actor: AuditActor & { user: { id: string } },
  document: FlowsDocument,
  plan: Plan,
  applied: ApplyResult["applied"],
): Promise<void> {
  const workspaceId = actor.workspace.id;
  const audit = (
    resourceType: "dataset" | "credential" | "destination",
    action: string,
    resourceId: string,
    name: string,
  ) =>
    recordAudit(actor, {
      action: `${resourceType}.${action}`,
      resourceType,
      resourceId,
      resourceName: name,
    });

  for (const item of plan.items) {
    try {
      if (item.kind === "dataset" && item.action === "create") {
        const { id } = await createDataset(workspaceId, item.name);
        await regenerateIngestKey(workspaceId, id);
        await audit("dataset", "created", id, item.name);
      } else if (item.kind === "credential" && item.action !== "unchanged") {
        const entry = document.credentials.find((row) => row.name === item.name) as CredentialEntry;
        const existing = await db().credential.findFirst({
          where: { workspaceId, name: item.name },
          select: { id: true },
        });
        const saved = await saveCredential(workspaceId, credentialInput(entry, existing?.id));
        await audit("credential", existing ? "edited" : "created", saved.id, item.name);
      } else if (item.kind === "destination" && (item.action === "create" || item.action === "change")) {
        await applyDestination(actor, document, item.name);
      } else if (item.kind === "destination" && item.action === "delete") {
        const row = await db().destination.findFirst({
          where: { workspaceId, name: item.name },
          select: { id: true },
        });
        if (row) {
          await deleteDestination(workspaceId, row.id);
          await audit("destination", "deleted", row.id, item.name);
        }
      } else {
        continue;
      }
      applied.push({ kind: item.kind, name: item.name, action: item.action });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const fieldErrors = Object.fromEntries(
        Object.entries(error.fieldErrors ?? {}).map(([key, message]) => [
          documentPath(document, item, key),
          message,
        ]),
      );
      // "Some fields need attention." says less than the fields' own messages.
      const reason = error.fieldErrors ? Object.values(error.fieldErrors).join(" ") : error.message;
      throw new UserError(
        `Could not ${item.action} ${item.kind} "${item.name}": ${reason} Nothing was applied.`,
        undefined,
        fieldErrors,
      );
    }
  }
}

/**
 * Where in the document a refused field of the form's is written: a credential's `values.token`
 * is `credentials.2.secrets.token` (or `.settings.`), a destination's `endpoint.url` is
 * `destinations.0.endpoint.url`.
 */
function documentPath(document: FlowsDocument, item: Plan["items"][number], key: string): string {
  const list = `${item.kind}s` as const;
  const index = document[list].findIndex((entry) => entry.name === item.name);
  if (index < 0) return list;
  const at = `${list}.${index}`;
  if (item.kind !== "credential") return `${at}.${key}`;
  const entry = document.credentials[index] as CredentialEntry;
  const value = /^values\.(.+)$/.exec(key)?.[1];
  if (value) return `${at}.${value in entry.secrets ? "secrets" : "settings"}.${value}`;
  const renamed: Record<string, string> = {
    rateLimitRequests: "rateLimit.requests",
    rateLimitWindowSeconds: "rateLimit.windowSeconds",
  };
  return `${at}.${renamed[key] ?? key}`;
}

function credentialInput(entry: CredentialEntry, id: string | undefined) {
  // A placeholder keeps the saved secret: the form's blank field.
  const secrets = Object.fromEntries(
    Object.entries(entry.secrets).map(([field, value]) => [field, PLACEHOLDER.test(value) ? "" : value]),
  );
  const parsed = credentialInputSchema.safeParse({
    ...(id ? { id } : {}),
    connectorId: entry.connector,
    name: entry.name,
    values: { ...entry.settings, ...secrets },
    baseUrl: entry.baseUrl ?? undefined,
    tokenUrl: entry.tokenUrl ?? undefined,
    allowedDomains: entry.allowedDomains.join(", "),
    rateLimitRequests: entry.rateLimit?.requests,
    rateLimitWindowSeconds: entry.rateLimit?.windowSeconds,
  });
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".")] ??= issue.message;
  throw UserError.forFields(fieldErrors);
}

async function applyDestination(
  actor: AuditActor & { user: { id: string } },
  document: FlowsDocument,
  name: string,
) {
  const workspaceId = actor.workspace.id;
  const entry = document.destinations.find((row) => row.name === name);
  if (!entry) return;
  const [dataset, credential, bin, existing] = await Promise.all([
    db().dataset.findFirst({ where: { workspaceId, name: entry.dataset }, select: { id: true } }),
    entry.credential
      ? db().credential.findFirst({ where: { workspaceId, name: entry.credential }, select: { id: true } })
      : null,
    entry.inspector
      ? db().inspectorBin.findFirst({ where: { workspaceId, name: entry.inspector }, select: { id: true } })
      : null,
    db().destination.findFirst({ where: { workspaceId, name }, select: { id: true } }),
  ]);
  if (!dataset) throw new UserError(`No dataset "${entry.dataset}".`);
  const config = configOf(entry, { credentialId: credential?.id ?? null, inspectorBinId: bin?.id ?? null });
  // Only the delivery settings may have changed: no new version then.
  const { id, version } = existing
    ? {
        id: existing.id,
        version: (await completeIfChanged(workspaceId, existing.id, config, actor.user.id))?.version ?? null,
      }
    : await createCompleteDestination(
        workspaceId,
        { datasetId: dataset.id, connectorId: entry.connector, userId: actor.user.id },
        () => config,
      );
  if (version !== null) {
    await recordAudit(actor, {
      action: existing ? "destination.edited" : "destination.configured",
      resourceType: "destination",
      resourceId: id,
      resourceName: name,
      details: { version },
    });
  }
  const delivery = entry.delivery;
  if (delivery && deliveryChanges(await readDeliverySettings(workspaceId, id), delivery).length > 0) {
    await saveDeliverySettings(workspaceId, id, delivery);
    await recordAudit(actor, {
      action: "destination.delivery_settings_saved",
      resourceType: "destination",
      resourceId: id,
      resourceName: name,
      details: { settings: delivery },
    });
  }
}

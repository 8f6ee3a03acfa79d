import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/** What an audit event is about; the audit log page filters by these. */
export const AUDIT_RESOURCE_TYPES = [
  "credential",
  "dataset",
  "destination",
  "inspector",
  "member",
  "invite",
  "settings",
  "apiToken",
] as const;
export type AuditResourceType = (typeof AUDIT_RESOURCE_TYPES)[number];

export type AuditActor = {
  user: { id: string; name: string; email: string };
  workspace: { id: string };
  address: string;
  /** The API token a change was made with, beside the user it acts as. */
  token?: { name: string };
};

export type AuditEventInput = {
  /** A verb in the past tense, e.g. "destination.edited". */
  action: string;
  resourceType: AuditResourceType;
  resourceId?: string | null;
  resourceName?: string | null;
  /** Field names, counts and diffs. Never a secret value. */
  details?: Record<string, unknown>;
};

/**
 * Records who changed what and from where. The actor's name and email are copied so the event
 * still reads after the person leaves the workspace; a change made with an API token says which
 * (`via` in the details).
 */
export async function recordAudit(
  actor: AuditActor,
  event: AuditEventInput,
  client: Prisma.TransactionClient = db(),
): Promise<void> {
  const details = actor.token ? { ...event.details, via: `API token "${actor.token.name}"` } : event.details;
  await client.auditEvent.create({
    data: {
      workspaceId: actor.workspace.id,
      actorId: actor.user.id,
      actorName: actor.user.name,
      actorEmail: actor.user.email,
      address: actor.address,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId ?? null,
      resourceName: event.resourceName ?? null,
      // Stored as the JSON it serialises to (undefined fields dropped, dates as ISO strings).
      details: details ? (JSON.parse(JSON.stringify(details)) as Prisma.InputJsonObject) : undefined,
    },
  });
}

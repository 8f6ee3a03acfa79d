/**
 * Stores an alert once (by its dedupe key) and, when the workspace has an alert webhook, queues
 * the job that POSTs it. Callers are delivery code paths: an alert that cannot be stored is
 * logged, never thrown, so alerting can never stop delivery.
 */
import { dbPool } from "@/lib/db/client";
import type { AlertText } from "./alert-texts";
import { enqueueAlertWebhook } from "./alert-webhook-queue";

export type NewNotification = AlertText & {
  workspaceId: string;
  dedupeKey: string;
  destinationId?: string | null;
  runId?: string | null;
  credentialId?: string | null;
};

/** The new notification's id, or null when an alert with this key exists already. */
export async function createNotification(notification: NewNotification): Promise<string | null> {
  const { rows } = await dbPool().query<{ id: string; has_webhook: boolean }>(
    `WITH inserted AS (
       INSERT INTO notifications (id, workspace_id, kind, title, message, link, dedupe_key,
                                  destination_id, run_id, credential_id)
       VALUES (gen_random_uuid(), $1, $2::"NotificationKind", $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, workspace_id)
     SELECT i.id, w.alert_webhook_url IS NOT NULL AS has_webhook
       FROM inserted i JOIN workspaces w ON w.id = i.workspace_id`,
    [
      notification.workspaceId,
      notification.kind,
      notification.title,
      notification.message,
      notification.link,
      notification.dedupeKey,
      notification.destinationId ?? null,
      notification.runId ?? null,
      notification.credentialId ?? null,
    ],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.has_webhook) await enqueueAlertWebhook(dbPool(), row.id);
  return row.id;
}

/** Runs an alerting step for a delivery code path: a failure is logged, not passed on. */
export async function alertSafely(what: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    console.error(`Could not create the alert (${what}):`, error instanceof Error ? error.message : error);
  }
}

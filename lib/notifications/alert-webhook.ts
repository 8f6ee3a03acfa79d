/**
 * Sends one alert to the workspace's alert webhook, from the "alert-webhook" job, through the one
 * outbound client (SSRF guard included). The outcome is kept on the workspace for the settings
 * page. A failure that may pass (no connection, 5xx, 429) is thrown so the job is retried, up to
 * the job's maxAttempts (lib/jobs/registry.ts); any other answer (a wrong URL: 404, 403) would be the same next time.
 */
import { getConfig } from "@/lib/config";
import { open } from "@/lib/credentials/encryption";
import { currentKeyring } from "@/lib/credentials/keyring";
import { db, dbPool } from "@/lib/db/client";
import { sendRequest } from "@/lib/http/send-request";
import { type AlertPayload, buildAlertPayload, type FailedAttempt } from "./alert-payload";

const TIMEOUT_MS = 10_000;
const ERROR_BODY_CHARS = 300;

/** Binds the sealed URL to its workspace, as credential secrets are bound to theirs. */
export function alertWebhookOwner(workspaceId: string): string {
  return `workspace:${workspaceId}:alert-webhook`;
}

export async function deliverAlertWebhook(notificationId: string): Promise<void> {
  const notification = await db().notification.findUnique({
    where: { id: notificationId },
    include: { workspace: { select: { id: true, alertWebhookUrl: true } } },
  });
  const sealed = notification?.workspace.alertWebhookUrl;
  if (!notification || !sealed) return; // the alert or the webhook was removed meanwhile
  const payload = await alertPayloadFor(notification);
  const failure = await postAlert(notification.workspaceId, sealed, payload);
  if (failure?.mayPass) throw new Error(`Alert webhook: ${failure.message}`);
}

/**
 * "Send test alert" on the settings page: a sample alert, sent now, with the outcome kept as for
 * real ones. Returns the error, or null when the webhook accepted it.
 */
export async function sendTestAlert(workspaceId: string): Promise<string | null> {
  const workspace = await db().workspace.findUnique({
    where: { id: workspaceId },
    select: { alertWebhookUrl: true },
  });
  if (!workspace?.alertWebhookUrl) return "Save a webhook URL first.";
  const payload = buildAlertPayload(
    {
      kind: "test",
      title: "Test alert from Outflow",
      message: "Alerts from this workspace arrive here.",
      link: "/notifications",
      createdAt: new Date(),
    },
    getConfig().publicUrl,
    {},
  );
  const failure = await postAlert(workspaceId, workspace.alertWebhookUrl, payload);
  return failure?.message ?? null;
}

async function postAlert(
  workspaceId: string,
  sealed: string,
  payload: AlertPayload,
): Promise<{ message: string; mayPass: boolean } | null> {
  const url = open(sealed, currentKeyring(), alertWebhookOwner(workspaceId));
  const result = await sendRequest(
    {
      method: "POST",
      url,
      headers: { "content-type": "application/json", "user-agent": "Outflow alerts" },
      body: JSON.stringify(payload),
    },
    { timeoutMs: TIMEOUT_MS, followRedirects: false, secrets: urlSecrets(url) },
  );
  const failure = !result.ok
    ? { message: result.error.message, mayPass: true }
    : result.status >= 300
      ? {
          message: `The webhook answered ${result.status} ${result.statusText}${result.body ? `: ${result.body.slice(0, ERROR_BODY_CHARS)}` : ""}`,
          mayPass: result.status >= 500 || result.status === 429,
        }
      : null;
  // updateMany: a workspace deleted meanwhile is no error.
  await db().workspace.updateMany({
    where: { id: workspaceId },
    data: { alertWebhookLastAt: new Date(), alertWebhookLastError: failure?.message ?? null },
  });
  return failure;
}

export async function alertPayloadFor(notification: {
  kind: AlertPayload["alert"]["kind"];
  title: string;
  message: string;
  link: string;
  createdAt: Date;
  destinationId: string | null;
  runId: string | null;
}): Promise<AlertPayload> {
  const destination = notification.destinationId
    ? await db().destination.findUnique({
        where: { id: notification.destinationId },
        select: { id: true, name: true, status: true },
      })
    : null;
  const attempt = destination ? await lastFailedAttempt(destination.id, notification.runId) : null;
  return buildAlertPayload(notification, getConfig().publicUrl, { destination, attempt });
}

/** The newest attempt that did not deliver: of the run when given, else of the destination. */
async function lastFailedAttempt(destinationId: string, runId: string | null): Promise<FailedAttempt | null> {
  const { rows } = await dbPool().query<{
    method: string;
    url: string;
    request_headers: Record<string, string>;
    request_body: string | null;
    status: number | null;
    response_body: string | null;
    error_message: string | null;
    started_at: Date;
  }>(
    `SELECT method, url, request_headers, request_body, status, response_body, error_message,
            started_at AT TIME ZONE 'UTC' AS started_at
       FROM delivery_attempts
      WHERE ${runId ? "run_id = $2 AND destination_id = $1" : "destination_id = $1"}
        AND outcome NOT IN ('delivered', 'partial')
      ORDER BY id DESC LIMIT 1`,
    runId ? [destinationId, runId] : [destinationId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    method: row.method,
    url: row.url,
    requestHeaders: row.request_headers,
    requestBody: row.request_body,
    status: row.status,
    responseBody: row.response_body,
    errorMessage: row.error_message,
    startedAt: row.started_at,
  };
}

/** A webhook URL's path and query are its secret (Slack's carry the token): kept out of error messages. */
function urlSecrets(url: string): string[] {
  try {
    const parsed = new URL(url);
    const rest = `${parsed.pathname}${parsed.search}`;
    return rest.length > 1 ? [rest] : [];
  } catch {
    return [];
  }
}

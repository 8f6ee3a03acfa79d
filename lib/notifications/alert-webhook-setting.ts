/** The workspace's alert webhook: saved sealed, shown masked, with how its last POST went. */
import { UserError } from "@/lib/actions/user-error";
import { getConfig } from "@/lib/config";
import { seal } from "@/lib/credentials/encryption";
import { currentKeyring } from "@/lib/credentials/keyring";
import { db } from "@/lib/db/client";
import { maskSecret } from "@/lib/http/redact";
import { checkUrl } from "@/lib/http/ssrf-guard";
import { alertWebhookOwner } from "./alert-webhook";

export type AlertWebhookSetting = {
  /** e.g. `https://hooks.slack.com/••••x9Yz`: enough to recognise, not enough to post to. */
  hint: string;
  lastAt: Date | null;
  lastError: string | null;
};

export async function getAlertWebhookSetting(workspaceId: string): Promise<AlertWebhookSetting | null> {
  const row = await db().workspace.findUnique({
    where: { id: workspaceId },
    select: { alertWebhookHint: true, alertWebhookLastAt: true, alertWebhookLastError: true },
  });
  if (!row?.alertWebhookHint) return null;
  return { hint: row.alertWebhookHint, lastAt: row.alertWebhookLastAt, lastError: row.alertWebhookLastError };
}

export async function saveAlertWebhook(workspaceId: string, url: string): Promise<void> {
  const config = getConfig();
  // Only what is decidable without DNS here; every POST is guarded again on the resolved address.
  const verdict = checkUrl(url, {
    isProduction: config.isProduction,
    allowedHosts: config.allowedHosts,
    selfOrigin: config.publicUrl,
  });
  if (!verdict.ok) throw new UserError(verdict.message, "url");
  await db().workspace.update({
    where: { id: workspaceId },
    data: {
      alertWebhookUrl: seal(url, currentKeyring(), alertWebhookOwner(workspaceId)),
      alertWebhookHint: webhookHint(verdict.url),
      alertWebhookLastAt: null,
      alertWebhookLastError: null,
    },
  });
}

export async function removeAlertWebhook(workspaceId: string): Promise<void> {
  await db().workspace.update({
    where: { id: workspaceId },
    data: {
      alertWebhookUrl: null,
      alertWebhookHint: null,
      alertWebhookLastAt: null,
      alertWebhookLastError: null,
    },
  });
}

/** The origin, and the rest masked: a webhook's path or query is usually its token. */
export function webhookHint(url: URL): string {
  const rest = `${url.pathname}${url.search}`;
  return rest.length > 1 ? `${url.origin}/${maskSecret(rest)}` : url.origin;
}

/** The moments that raise an alert: a destination starts failing, a run fails, a key nears expiry. */
import { CONNECTORS } from "@/lib/connectors/registry";
import { EXPIRY_WARNING_DAYS, keyExpiry } from "@/lib/credentials/key-expiry";
import { db } from "@/lib/db/client";
import { credentialExpiryAlert, dedupeKeys, destinationFailingAlert, runFailedAlert } from "./alert-texts";
import { createNotification } from "./create-notification";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Called on the transition to failing only, so one failing episode raises one alert. */
export async function alertDestinationFailing(destinationId: string, reason: string, since: Date) {
  const destination = await db().destination.findUnique({
    where: { id: destinationId },
    select: { id: true, name: true, workspaceId: true },
  });
  if (!destination) return;
  await createNotification({
    ...destinationFailingAlert(destination, reason),
    workspaceId: destination.workspaceId,
    dedupeKey: dedupeKeys.destinationFailing(destinationId, since),
    destinationId,
  });
}

export async function alertRunFailed(
  destinationId: string,
  run: { id: string; recordsFailed: number; lastError: string | null },
) {
  const destination = await db().destination.findUnique({
    where: { id: destinationId },
    select: { id: true, name: true, workspaceId: true },
  });
  if (!destination) return;
  await createNotification({
    ...runFailedAlert(destination, run),
    workspaceId: destination.workspaceId,
    dedupeKey: dedupeKeys.runFailed(run.id),
    destinationId,
    runId: run.id,
  });
}

/**
 * Raises "expiring" and "expired" alerts for credentials whose connector's keys expire (Hotjar:
 * one year), each once per credential, state and expiry date. Run by the sweep every minute, so
 * it reads only the keys already inside the warning window, and skips those already alerted.
 */
export async function checkCredentialExpiry(now: Date = new Date()): Promise<number> {
  let created = 0;
  for (const connector of CONNECTORS) {
    const lifetime = connector.keyLifetimeDays;
    if (!lifetime) continue;
    const warnFrom = new Date(now.getTime() - (lifetime - EXPIRY_WARNING_DAYS - 1) * DAY_MS);
    const credentials = await db().credential.findMany({
      where: { connectorId: connector.id, keyCreatedAt: { not: null, lte: warnFrom } },
      select: { id: true, name: true, workspaceId: true, keyCreatedAt: true },
    });
    const alerts = credentials.flatMap((credential) => {
      const expiry = keyExpiry(credential.keyCreatedAt as Date, lifetime, now);
      const text = credentialExpiryAlert(credential, expiry, connector.name.replace(/ API$/, ""));
      if (!text) return [];
      const dedupeKey = dedupeKeys.credentialExpiry(text.kind, credential.id, expiry.expiresAt);
      return [{ ...text, workspaceId: credential.workspaceId, credentialId: credential.id, dedupeKey }];
    });
    if (alerts.length === 0) continue;
    const existing = await db().notification.findMany({
      where: { dedupeKey: { in: alerts.map((alert) => alert.dedupeKey) } },
      select: { dedupeKey: true },
    });
    const known = new Set(existing.map((row) => row.dedupeKey));
    for (const alert of alerts) {
      if (known.has(alert.dedupeKey)) continue;
      if (await createNotification(alert)) created++;
    }
  }
  return created;
}

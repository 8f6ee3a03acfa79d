/** The words of each alert: title, message and where it leads. Pure, so tests read them as users do. */
import { EXPIRY_WARNING_DAYS, type KeyExpiry } from "@/lib/credentials/key-expiry";
import type { NotificationKind } from "@/lib/db/generated/client";

export type AlertText = { kind: NotificationKind; title: string; message: string; link: string };

export function destinationFailingAlert(
  destination: { id: string; name: string },
  reason: string,
): AlertText {
  return {
    kind: "destination_failing",
    title: `Destination "${destination.name}" is failing`,
    message: `It stopped delivering. ${reason}`,
    link: `/destinations/${destination.id}`,
  };
}

export function runFailedAlert(
  destination: { id: string; name: string },
  run: { recordsFailed: number; lastError: string | null },
): AlertText {
  const records = run.recordsFailed === 1 ? "1 record" : `${run.recordsFailed} records`;
  return {
    kind: "run_failed",
    title: `A run of "${destination.name}" failed`,
    message:
      `It delivered nothing; ${records} went to Failed Records` +
      (run.lastError ? `. Last error: ${run.lastError}` : "."),
    link: `/destinations/${destination.id}`,
  };
}

/** Alerts only for keys that expire soon or have expired; `ok` needs none. */
export function credentialExpiryAlert(
  credential: { id: string; name: string },
  expiry: KeyExpiry,
  vendor: string,
): AlertText | null {
  const day = expiry.expiresAt.toISOString().slice(0, 10);
  const link = `/credentials/${credential.id}`;
  if (expiry.state === "expired") {
    return {
      kind: "credential_expired",
      title: `Credential "${credential.name}" has expired`,
      message: `Its API key expired on ${day}. Generate a new key in ${vendor} and enter it in the credential: until then ${vendor} refuses the requests that use it.`,
      link,
    };
  }
  if (expiry.state === "expiring") {
    const days = expiry.daysLeft === 1 ? "1 day" : `${expiry.daysLeft} days`;
    return {
      kind: "credential_expiring",
      title: `Credential "${credential.name}" expires in ${days}`,
      message: `Its API key expires on ${day}, within ${EXPIRY_WARNING_DAYS} days. Generate a new key in ${vendor} and enter it in the credential before then.`,
      link,
    };
  }
  return null;
}

/** One alert per thing that happened: these keys make a repeat a no-op. */
export const dedupeKeys = {
  destinationFailing: (destinationId: string, since: Date) =>
    `destination_failing:${destinationId}:${since.toISOString()}`,
  runFailed: (runId: string) => `run_failed:${runId}`,
  /** Per expiry date too: a new key (a new creation date) can warn again. */
  credentialExpiry: (kind: NotificationKind, credentialId: string, expiresAt: Date) =>
    `${kind}:${credentialId}:${expiresAt.toISOString().slice(0, 10)}`,
};

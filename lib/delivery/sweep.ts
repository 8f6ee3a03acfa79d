/**
 * Runs once a minute on one worker (graphile-worker's cron) and when a worker starts: starts the
 * scheduled runs that are due, and queues a job for every active destination with work waiting,
 * which covers jobs lost with a killed worker (graphile-worker holds a dead worker's job for hours).
 * It also raises the alerts for credential keys that expire soon or have expired.
 */
import { alertSafely } from "@/lib/notifications/create-notification";
import { checkCredentialExpiry } from "@/lib/notifications/raise-alerts";
import { SENDING_STATES } from "./model/destination-state";
import { lastRecordId } from "./own-destination";
import { enqueueDelivery } from "./queue";
import { nextRunAt, type Schedule } from "./schedule";
import { pool } from "./store/db";
import { claimScheduledRun, listDestinationsToWake, listDueScheduled } from "./store/destinations";
import { countOpenRunsBesidesRetries, openRun } from "./store/runs";

export async function sweep(now: Date = new Date()): Promise<void> {
  await startDueScheduledRuns(now);
  for (const id of await listDestinationsToWake(pool(), SENDING_STATES)) await enqueueDelivery(pool(), id);
  await alertSafely("credential expiry", () => checkCredentialExpiry(now));
}

async function startDueScheduledRuns(now: Date): Promise<void> {
  for (const destination of await listDueScheduled(pool(), SENDING_STATES, now)) {
    const schedule = scheduleOf(destination);
    // Claimed by moving the next time forward first, so two sweeps never start the same run.
    const next = nextRunAt(schedule, now);
    if (!(await claimScheduledRun(pool(), destination.id, { dueAt: now, next }))) continue;
    const running = await countOpenRunsBesidesRetries(pool(), destination.id);
    if (running > 0) continue; // the previous run is still going: this slot is skipped
    const upToRecordId = await lastRecordId(destination.datasetId);
    await openRun(pool(), {
      destinationId: destination.id,
      version: destination.currentVersion,
      trigger: "schedule",
      upToRecordId,
    });
    await enqueueDelivery(pool(), destination.id);
  }
}

export function scheduleOf(destination: {
  schedule: string;
  scheduleIntervalMinutes: number | null;
  scheduleCron: string | null;
}): Schedule {
  if (destination.schedule === "interval" && destination.scheduleIntervalMinutes) {
    return { kind: "interval", minutes: destination.scheduleIntervalMinutes };
  }
  if (destination.schedule === "cron" && destination.scheduleCron) {
    return { kind: "cron", expression: destination.scheduleCron };
  }
  return { kind: "continuous" };
}

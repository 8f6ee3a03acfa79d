/**
 * Runs once a minute on one worker (graphile-worker's cron) and when a worker starts: starts the
 * scheduled runs that are due, and queues a job for every active destination with work waiting,
 * which covers jobs lost with a killed worker (graphile-worker holds a dead worker's job for hours).
 * It also raises the alerts for credential keys that expire soon or have expired.
 */
import { db, dbPool } from "@/lib/db/client";
import { alertSafely } from "@/lib/notifications/create-notification";
import { checkCredentialExpiry } from "@/lib/notifications/raise-alerts";
import { SENDING_STATES } from "./model/destination-state";
import { OPEN_RUN_STATES } from "./model/run-state";
import { lastRecordId } from "./own-destination";
import { enqueueDelivery } from "./queue";
import { createRun } from "./runs";
import { nextRunAt, type Schedule } from "./schedule";
import { WORK_DUE } from "./work-due";

export async function sweep(now: Date = new Date()): Promise<void> {
  await startDueScheduledRuns(now);
  const { rows } = await dbPool().query<{ id: string }>(
    // Running runs too: one whose work is done is closed by the job this queues.
    `SELECT d.id FROM destinations d
      WHERE d.status = ANY($1::"DestinationStatus"[])
        AND (${WORK_DUE} OR EXISTS (SELECT 1 FROM runs u WHERE u.destination_id = d.id
                                      AND u.status = ANY($2::"RunStatus"[])))`,
    [SENDING_STATES, OPEN_RUN_STATES],
  );
  for (const { id } of rows) await enqueueDelivery(dbPool(), id);
  await alertSafely("credential expiry", () => checkCredentialExpiry(now));
}

async function startDueScheduledRuns(now: Date): Promise<void> {
  const due = await db().destination.findMany({
    where: {
      status: { in: [...SENDING_STATES] },
      schedule: { not: "continuous" },
      nextScheduledAt: { lte: now },
    },
    select: {
      id: true,
      currentVersion: true,
      datasetId: true,
      schedule: true,
      scheduleIntervalMinutes: true,
      scheduleCron: true,
    },
  });
  for (const destination of due) {
    const schedule = scheduleOf(destination);
    // Claimed by moving the next time forward first, so two sweeps never start the same run.
    const claimed = await db().destination.updateMany({
      where: { id: destination.id, nextScheduledAt: { lte: now } },
      data: { nextScheduledAt: nextRunAt(schedule, now) },
    });
    if (claimed.count === 0) continue;
    const running = await db().run.count({
      where: {
        destinationId: destination.id,
        status: { in: [...OPEN_RUN_STATES] },
        trigger: { not: "retry" },
      },
    });
    if (running > 0) continue; // the previous run is still going: this slot is skipped
    const last = await lastRecordId(destination.datasetId);
    await createRun(destination.id, destination.currentVersion, "schedule", last);
    await enqueueDelivery(dbPool(), destination.id);
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

/**
 * Activate, Pause and Run Now, as the destination page's server actions call them. Each changes
 * the destination in Postgres and queues a job; the workers do the sending.
 */
import { StateConflict } from "@/lib/actions/user-error";
import { db } from "@/lib/db/client";
import { destinationConfigSchema } from "@/lib/destinations/destination-config";
import { destinationMachine } from "./model/destination-state";
import { requireTransition } from "./model/state-machine";
import { lastRecordId, requireOwnDestination } from "./own-destination";
import { enqueueDelivery } from "./queue";
import { ensureResponseDataset } from "./response-dataset";
import { nextRunAt } from "./schedule";
import { makeQueuedBatchesDue, moveQueuedBatchesToRun } from "./store/batches";
import { countQueuedAsPlanned } from "./store/counters";
import { inTransaction, pool } from "./store/db";
import { resumeDestination, setDestinationStatus } from "./store/destinations";
import { cancelOpenRuns, countOpenRunsBesidesRetries, openRun } from "./store/runs";
import { scheduleOf } from "./sweep";

/**
 * Starts delivering: a run for the records not yet sent (all of them, the first time), then new
 * records as they arrive, or on the schedule. Also resumes a paused or failing destination, with
 * the records that arrived meanwhile.
 */
export async function activateDestination(workspaceId: string, destinationId: string): Promise<void> {
  const destination = await requireOwnDestination(workspaceId, destinationId);
  if (destination.currentVersion < 1) {
    throw new StateConflict("Finish the setup first: Done saves the configuration that Activate sends with.");
  }
  const status = requireTransition(destinationMachine, destination.status, "activate");
  if (status === destination.status) return;
  const version = await db().destinationVersion.findUniqueOrThrow({
    where: { destinationId_version: { destinationId, version: destination.currentVersion } },
  });
  const config = destinationConfigSchema.parse(version.config);
  if (config.responseWebhook) await ensureResponseDataset(destination);

  const last = await lastRecordId(destination.datasetId);
  const schedule = scheduleOf(destination);
  await inTransaction(async (client) => {
    await cancelOpenRuns(client, destinationId);
    const run = await openRun(client, {
      destinationId,
      version: destination.currentVersion,
      trigger: "activate",
      upToRecordId: schedule.kind === "continuous" ? null : last,
    });
    // Batches left queued by a pause or a failure are sent again in, and counted by, this run.
    await moveQueuedBatchesToRun(client, destinationId, run.id);
    await countQueuedAsPlanned(client, run.id, destinationId);
    await resumeDestination(client, destinationId, {
      status,
      nextScheduledAt: nextRunAt(schedule, new Date()),
    });
  });
  await enqueueDelivery(pool(), destinationId);
}

/** Stops sending after the requests in flight. Nothing is dropped: records wait for Activate. */
export async function pauseDestination(workspaceId: string, destinationId: string): Promise<void> {
  const destination = await requireOwnDestination(workspaceId, destinationId);
  const status = requireTransition(destinationMachine, destination.status, "pause");
  await inTransaction(async (client) => {
    await setDestinationStatus(client, destinationId, status);
    await cancelOpenRuns(client, destinationId);
  });
}

/** Starts a run at once: everything not yet sent, and any retries waiting for their time. */
export async function runDestinationNow(workspaceId: string, destinationId: string): Promise<void> {
  const destination = await requireOwnDestination(workspaceId, destinationId);
  requireTransition(destinationMachine, destination.status, "runNow");
  const running = await countOpenRunsBesidesRetries(pool(), destinationId);
  const last = await lastRecordId(destination.datasetId);
  await inTransaction(async (client) => {
    if (running === 0) {
      const upToRecordId = scheduleOf(destination).kind === "continuous" ? null : last;
      await openRun(client, {
        destinationId,
        version: destination.currentVersion,
        trigger: "manual",
        upToRecordId,
      });
    }
    // Retries waiting for their backoff go now too (a Retry-After still holds the credential).
    await makeQueuedBatchesDue(client, destinationId);
  });
  await enqueueDelivery(pool(), destinationId);
}

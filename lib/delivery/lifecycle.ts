/**
 * Activate, Pause and Run Now, as the destination page's server actions call them. Each changes
 * the destination in Postgres and queues a job; the workers do the sending.
 */
import { UserError } from "@/lib/actions/user-error";
import { db, dbPool } from "@/lib/db/client";
import { destinationConfigSchema } from "@/lib/destinations/destination-config";
import { destinationMachine } from "./model/destination-state";
import { OPEN_RUN_STATES } from "./model/run-state";
import { requireTransition } from "./model/state-machine";
import { lastRecordId, requireOwnDestination } from "./own-destination";
import { enqueueDelivery } from "./queue";
import { ensureResponseDataset } from "./response-dataset";
import { cancelOpenRuns, createRun } from "./runs";
import { nextRunAt } from "./schedule";
import { scheduleOf } from "./sweep";

/**
 * Starts delivering: a run for the records not yet sent (all of them, the first time), then new
 * records as they arrive, or on the schedule. Also resumes a paused or failing destination, with
 * the records that arrived meanwhile.
 */
export async function activateDestination(workspaceId: string, destinationId: string): Promise<void> {
  const destination = await requireOwnDestination(workspaceId, destinationId);
  if (destination.currentVersion < 1) {
    throw new UserError("Finish the setup first: Done saves the configuration that Activate sends with.");
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
  await db().$transaction(async (tx) => {
    await cancelOpenRuns(tx, destinationId);
    const run = await createRun(
      destinationId,
      destination.currentVersion,
      "activate",
      schedule.kind === "continuous" ? null : last,
      tx,
    );
    // Batches left queued by a pause or a failure are sent again in, and counted by, this run.
    await tx.deliveryBatch.updateMany({
      where: { destinationId },
      data: { runId: run.id, nextAttemptAt: new Date() },
    });
    await tx.$executeRaw`
      UPDATE runs SET records_planned = (
        SELECT coalesce(sum(CASE WHEN b.payloads IS NULL THEN cardinality(b.record_ids)
                                 ELSE (SELECT count(*) FROM jsonb_object_keys(b.payloads)) END), 0)
          FROM delivery_batches b WHERE b.destination_id = ${destinationId}::uuid)
       WHERE id = ${run.id}::uuid`;
    await tx.destination.update({
      where: { id: destinationId },
      data: {
        status,
        failingReason: null,
        failingSince: null,
        consecutiveFailedRuns: 0,
        nextScheduledAt: nextRunAt(schedule, new Date()),
      },
    });
  });
  await enqueueDelivery(dbPool(), destinationId);
}

/** Stops sending after the requests in flight. Nothing is dropped: records wait for Activate. */
export async function pauseDestination(workspaceId: string, destinationId: string): Promise<void> {
  const destination = await requireOwnDestination(workspaceId, destinationId);
  const status = requireTransition(destinationMachine, destination.status, "pause");
  await db().$transaction([
    db().destination.update({ where: { id: destinationId }, data: { status } }),
    cancelOpenRuns(db(), destinationId),
  ]);
}

/** Starts a run at once: everything not yet sent, and any retries waiting for their time. */
export async function runDestinationNow(workspaceId: string, destinationId: string): Promise<void> {
  const destination = await requireOwnDestination(workspaceId, destinationId);
  requireTransition(destinationMachine, destination.status, "runNow");
  const running = await db().run.count({
    where: { destinationId, status: { in: [...OPEN_RUN_STATES] }, trigger: { not: "retry" } },
  });
  const last = await lastRecordId(destination.datasetId);
  await db().$transaction(async (tx) => {
    if (running === 0) {
      const upTo = scheduleOf(destination).kind === "continuous" ? null : last;
      await createRun(destinationId, destination.currentVersion, "manual", upTo, tx);
    }
    // Retries waiting for their backoff go now too (a Retry-After still holds the credential).
    await tx.deliveryBatch.updateMany({ where: { destinationId }, data: { nextAttemptAt: new Date() } });
  });
  await enqueueDelivery(dbPool(), destinationId);
}

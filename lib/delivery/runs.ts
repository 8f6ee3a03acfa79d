/** Opening and closing runs, and the failure policy that follows from how they end. */
import { db, dbPool } from "@/lib/db/client";
import type { Prisma, RunTrigger } from "@/lib/db/generated/client";
import { alertSafely } from "@/lib/notifications/create-notification";
import { alertDestinationFailing, alertRunFailed } from "@/lib/notifications/raise-alerts";
import { type DestinationFailure, destinationMachine } from "./model/destination-state";
import { OPEN_RUN_STATES, RUN_OPENS_AS, runMachine } from "./model/run-state";
import { FAILING_AFTER_FAILED_RUNS, runOutcome } from "./run-outcome";

export type OpenRun = { id: string; trigger: RunTrigger; upToRecordId: bigint | null };

/** Running runs of a destination, newest first. */
export async function runningRuns(destinationId: string): Promise<OpenRun[]> {
  return db().run.findMany({
    where: { destinationId, status: { in: [...OPEN_RUN_STATES] } },
    orderBy: { startedAt: "desc" },
    select: { id: true, trigger: true, upToRecordId: true },
  });
}

/** `client`: a transaction that opens the run together with what it covers. */
export async function createRun(
  destinationId: string,
  version: number,
  trigger: RunTrigger,
  upToRecordId: bigint | null = null,
  client: Prisma.TransactionClient = db(),
): Promise<OpenRun> {
  return client.run.create({
    data: { destinationId, version, trigger, upToRecordId, status: RUN_OPENS_AS },
    select: { id: true, trigger: true, upToRecordId: true },
  });
}

/**
 * Ends a destination's running runs as cancelled: Pause stops them, and Activate replaces them
 * with its own run. Not awaited here, so it can join a batch `$transaction`.
 */
export function cancelOpenRuns(
  client: Prisma.TransactionClient,
  destinationId: string,
): Prisma.PrismaPromise<Prisma.BatchPayload> {
  return client.run.updateMany({
    where: { destinationId, status: { in: runMachine.fromStates("cancel") } },
    data: { status: runMachine.target("cancel"), finishedAt: new Date() },
  });
}

/**
 * Closes the given runs that have nothing left in flight, with their outcome. A run that delivered
 * nothing and failed something counts towards FAILING_AFTER_FAILED_RUNS; one that delivered resets
 * the count. Retry Failed Records runs do not count: records that failed before failing again say
 * nothing new about the destination, and must not stop it delivering the records that follow.
 */
export async function finishSettledRuns(destinationId: string, runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  const { rows } = await dbPool().query<{
    id: string;
    trigger: RunTrigger;
    records_delivered: number;
    records_failed: number;
    last_error: string | null;
  }>(
    `SELECT r.id, r.trigger, r.records_delivered, r.records_failed, r.last_error FROM runs r
      WHERE r.id = ANY($1::uuid[]) AND r.status = ANY($2::"RunStatus"[])
        AND NOT EXISTS (SELECT 1 FROM delivery_batches b WHERE b.run_id = r.id)
        AND NOT EXISTS (SELECT 1 FROM batch_job_checks c WHERE c.run_id = r.id)`,
    [runIds, OPEN_RUN_STATES],
  );
  for (const run of rows) {
    const outcome = runOutcome({
      recordsDelivered: run.records_delivered,
      recordsFailed: run.records_failed,
    });
    const updated = await db().run.updateMany({
      where: { id: run.id, status: { in: [...OPEN_RUN_STATES] } },
      data: { status: outcome, finishedAt: new Date() },
    });
    if (updated.count === 0) continue;
    if (outcome === "failed") {
      await alertSafely("run failed", () =>
        alertRunFailed(destinationId, {
          id: run.id,
          recordsFailed: run.records_failed,
          lastError: run.last_error,
        }),
      );
      if (run.trigger !== "retry") await countFailedRun(destinationId, run.last_error);
    } else if (run.records_delivered > 0) {
      await db().destination.update({ where: { id: destinationId }, data: { consecutiveFailedRuns: 0 } });
    }
  }
}

async function countFailedRun(destinationId: string, lastError: string | null): Promise<void> {
  const destination = await db().destination.update({
    where: { id: destinationId },
    data: { consecutiveFailedRuns: { increment: 1 } },
    select: { consecutiveFailedRuns: true },
  });
  if (destination.consecutiveFailedRuns >= FAILING_AFTER_FAILED_RUNS) {
    await markFailing(
      destinationId,
      "failedRunsExceeded",
      `The last ${destination.consecutiveFailedRuns} runs delivered nothing${lastError ? `. Last error: ${lastError}` : ""}. ` +
        "Fix the cause (see Failed Records), then Activate to resume.",
    );
  }
}

/**
 * Stops an active destination: it sends nothing until Activate. Records and batches stay queued.
 * Its running runs end as failed, with the reason.
 */
export async function markFailing(
  destinationId: string,
  failure: DestinationFailure,
  reason: string,
): Promise<void> {
  const since = new Date();
  const [stopped] = await db().$transaction([
    db().destination.updateMany({
      where: { id: destinationId, status: { in: destinationMachine.fromStates(failure) } },
      data: { status: destinationMachine.target(failure), failingReason: reason, failingSince: since },
    }),
    db().run.updateMany({
      where: { destinationId, status: { in: runMachine.fromStates("fail") } },
      data: { status: runMachine.target("fail"), finishedAt: new Date(), lastError: reason },
    }),
  ]);
  // Only the transition into failing alerts: one alert per failing episode.
  if (stopped.count > 0) {
    await alertSafely("destination failing", () => alertDestinationFailing(destinationId, reason, since));
  }
}

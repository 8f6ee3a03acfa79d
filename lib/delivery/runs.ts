/** Closing runs, and the failure policy that follows from how they end. */
import { alertSafely } from "@/lib/notifications/create-notification";
import { alertDestinationFailing, alertRunFailed } from "@/lib/notifications/raise-alerts";
import { type DestinationFailure, destinationMachine } from "./model/destination-state";
import { FAILING_AFTER_FAILED_RUNS, runOutcome } from "./run-outcome";
import { addFailedRun, resetFailedRuns } from "./store/counters";
import { inTransaction, pool } from "./store/db";
import { markDestinationFailing } from "./store/destinations";
import { failOpenRuns, finishRun, listSettledRuns } from "./store/runs";

/**
 * Closes the given runs that have nothing left in flight, with their outcome. A run that delivered
 * nothing and failed something counts towards FAILING_AFTER_FAILED_RUNS; one that delivered resets
 * the count. Retry Failed Records runs do not count: records that failed before failing again say
 * nothing new about the destination, and must not stop it delivering the records that follow.
 */
export async function finishSettledRuns(destinationId: string, runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  for (const run of await listSettledRuns(pool(), runIds)) {
    const outcome = runOutcome(run);
    if (!(await finishRun(pool(), run.id, outcome))) continue;
    if (outcome === "failed") {
      await alertSafely("run failed", () =>
        alertRunFailed(destinationId, {
          id: run.id,
          recordsFailed: run.recordsFailed,
          lastError: run.lastError,
        }),
      );
      if (run.trigger !== "retry") await countFailedRun(destinationId, run.lastError);
    } else if (run.recordsDelivered > 0) {
      await resetFailedRuns(pool(), destinationId);
    }
  }
}

async function countFailedRun(destinationId: string, lastError: string | null): Promise<void> {
  const failedRuns = await addFailedRun(pool(), destinationId);
  if (failedRuns !== null && failedRuns >= FAILING_AFTER_FAILED_RUNS) {
    await markFailing(
      destinationId,
      "failedRunsExceeded",
      `The last ${failedRuns} runs delivered nothing${lastError ? `. Last error: ${lastError}` : ""}. ` +
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
  const stopped = await inTransaction(async (client) => {
    const moved = await markDestinationFailing(client, destinationId, {
      from: destinationMachine.fromStates(failure),
      to: destinationMachine.target(failure),
      cause: failure,
      reason,
      since,
    });
    await failOpenRuns(client, destinationId, reason, failure);
    return moved;
  });
  // Only the transition into failing alerts: one alert per failing episode.
  if (stopped) {
    await alertSafely("destination failing", () => alertDestinationFailing(destinationId, reason, since));
  }
}

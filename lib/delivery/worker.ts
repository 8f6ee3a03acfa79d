/**
 * A delivery worker: graphile-worker running the "deliver" and "sweep" tasks. The app process runs
 * one unless OUTFLOW_WORKER=off; `npm run worker` runs more, on any machine that reaches the same
 * database. Stopping it lets the jobs in hand finish their requests and record the outcomes; batches
 * not yet sent stay in Postgres for the next worker.
 */
import { type Runner, run } from "graphile-worker";
import { closeLockPool, deliverDestination } from "./executor";
import { DELIVER_TASK, migrateQueue, quietLogger, SWEEP_TASK } from "./queue";
import { sweep } from "./sweep";

/** Destinations delivered at once by one worker process. */
export const WORKER_CONCURRENCY = 8;

export type DeliveryWorker = { stop(): Promise<void> };

export async function startDeliveryWorker(connectionString: string): Promise<DeliveryWorker> {
  await migrateQueue(connectionString);
  const runner: Runner = await run({
    connectionString,
    concurrency: WORKER_CONCURRENCY,
    noHandleSignals: true,
    logger: quietLogger(),
    // Jobs added "now" arrive by LISTEN/NOTIFY; this only paces jobs scheduled for later (retries).
    pollInterval: 1000,
    // Requests in flight get this long to finish when the worker stops, then are aborted.
    gracefulShutdownAbortTimeout: 15_000,
    crontab: `* * * * * ${SWEEP_TASK} ?max=1`,
    taskList: {
      [DELIVER_TASK]: async (payload, helpers) => {
        const { destinationId } = payload as { destinationId: string };
        await deliverDestination(destinationId, helpers.abortSignal);
      },
      [SWEEP_TASK]: async () => {
        await sweep();
      },
    },
  });
  // Picks up what a stopped or killed worker left, without waiting for the minute.
  await runner.addJob(SWEEP_TASK, {}, { jobKey: SWEEP_TASK });
  return {
    async stop() {
      await runner.stop();
      await closeLockPool();
    },
  };
}

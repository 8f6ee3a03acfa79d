/**
 * A delivery worker: graphile-worker running the "deliver" and "sweep" tasks, and the side jobs
 * "alert-webhook" (POSTs an alert) and "retention" (prunes old data, daily at 03:00). The app process runs
 * one unless OUTFLOW_WORKER=off; `npm run worker` runs more, on any machine that reaches the same
 * database. Stopping it lets the jobs in hand finish their requests and record the outcomes; batches
 * not yet sent stay in Postgres for the next worker.
 */
import { type Runner, run } from "graphile-worker";
import pg from "pg";
import { pruneIdempotentResponses } from "@/lib/api/idempotency";
import { pruneAuditEvents } from "@/lib/audit/prune-audit-events";
import { getConfig } from "@/lib/config";
import { connectionConfig, keepCheckedOutClientsAlive } from "@/lib/db/client";
import { CRONTAB, taskListOf } from "@/lib/jobs/registry";
import { deliverAlertWebhook } from "@/lib/notifications/alert-webhook";
import { onReconnected, startChangeFeed, stopChangeFeed } from "./change-feed";
import { closeLockPool, deliverDestination, handOver } from "./executor";
import { migrateQueue, quietLogger, SWEEP_TASK } from "./queue";
import { pruneOldDeliveryData } from "./retention";
import { sweep } from "./sweep";
import { startHeartbeat } from "./worker-heartbeat";

/** Destinations delivered at once by one worker process. */
export type DeliveryWorker = { stop(): Promise<void> };

export async function startDeliveryWorker(connectionString: string): Promise<DeliveryWorker> {
  await migrateQueue(connectionString);
  await startChangeFeed();
  // graphile-worker aborts its jobs' signal only gracefulShutdownAbortTimeout after stop(): until
  // then an executor would go on sending wave after wave. This one tells them at once to take no
  // more batches; the requests already sent finish and their outcomes are recorded.
  const stopping = new AbortController();
  // The queue's own connections, opened like every other (to the embedded cluster's current port).
  const queuePool = new pg.Pool({ ...connectionConfig(), max: 10 });
  queuePool.on("error", (error) => console.error("Job queue connection lost:", error.message));
  keepCheckedOutClientsAlive(queuePool);
  const runner: Runner = await run({
    pgPool: queuePool,
    concurrency: getConfig().workerConcurrency,
    noHandleSignals: true,
    logger: quietLogger(),
    // Jobs added "now" arrive by LISTEN/NOTIFY; this only paces jobs scheduled for later (retries).
    pollInterval: 1000,
    // Jobs still running this long after stop() get their signal aborted; a request in flight is not
    // cut short by it, it ends at the destination's request timeout at the latest.
    gracefulShutdownAbortTimeout: 15_000,
    crontab: CRONTAB,
    taskList: taskListOf({
      deliver: async ({ destinationId }, helpers) => {
        await deliverDestination(destinationId, AbortSignal.any([helpers.abortSignal, stopping.signal]));
      },
      sweep: async () => {
        await sweep();
      },
      "alert-webhook": async ({ notificationId }) => {
        await deliverAlertWebhook(notificationId);
      },
      retention: async () => {
        const pruned = await pruneOldDeliveryData();
        if (pruned.attempts > 0 || pruned.records > 0 || pruned.notifications > 0) {
          console.log(
            `Retention: pruned ${pruned.attempts} delivery attempts, ${pruned.records} records and ${pruned.notifications} alerts`,
          );
        }
        const auditEvents = await pruneAuditEvents();
        if (auditEvents > 0) console.log(`Retention: pruned ${auditEvents} audit events`);
        await pruneIdempotentResponses();
      },
    }),
  });
  // Picks up what a stopped or killed worker left, without waiting for the minute.
  await runner.addJob(SWEEP_TASK, {}, { jobKey: SWEEP_TASK });
  const heartbeat = await startHeartbeat();
  // After Postgres was lost, the jobs that failed meanwhile stay locked to this worker (their
  // failure could not be written) and the rest wait for their retry: the sweep queues every
  // destination with work again now rather than at the next minute.
  const stopSweepingOnReconnect = onReconnected(() => {
    runner.addJob(SWEEP_TASK, {}, { jobKey: SWEEP_TASK }).catch((error: Error) => {
      console.error(
        `Could not queue a sweep after reconnecting (the minute's sweep will run): ${error.message}`,
      );
    });
  });
  return {
    async stop() {
      stopping.abort(new Error("The delivery worker is stopping."));
      stopSweepingOnReconnect();
      await heartbeat.stop();
      await runner.stop();
      await queuePool.end();
      await closeLockPool();
      await stopChangeFeed();
      // Hand the destinations it was delivering to the other workers now, not at the next sweep.
      await handOver();
    },
  };
}

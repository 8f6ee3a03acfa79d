/**
 * Each delivery worker says it is alive every HEARTBEAT_MS, so that the app can tell a user when
 * nothing is delivering: a worker that died, or a web app started with OUTFLOW_WORKER=off and no
 * `npm run worker` beside it.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { pool } from "./store/db";
import {
  beat,
  forgetSilentWorkers,
  forgetWorker,
  readWorkersSeen,
  type WorkersSeen,
} from "./store/worker-heartbeats";

export const HEARTBEAT_MS = 10_000;
/** A worker not heard from for this long is taken for dead (several beats missed, not one late). */
export const WORKER_SILENT_AFTER_MS = 60_000;
/** Rows of workers dead this long are removed: the dashboard only needs the recent past. */
const FORGET_AFTER_MS = 7 * 24 * 3600_000;

export type Heartbeat = { stop(): Promise<void> };

export async function startHeartbeat(): Promise<Heartbeat> {
  const worker = { id: randomUUID(), hostname: hostname(), pid: process.pid, startedAt: new Date() };
  await beat(pool(), worker);
  await forgetSilentWorkers(pool(), FORGET_AFTER_MS);
  const timer = setInterval(() => {
    // A lost database is reported by the pools; the next beat after it returns says alive again.
    beat(pool(), worker).catch(() => undefined);
  }, HEARTBEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await forgetWorker(pool(), worker.id).catch(() => undefined);
    },
  };
}

/** Whether any delivery worker is alive, and when one last was. */
export function readWorkers(): Promise<WorkersSeen> {
  return readWorkersSeen(pool(), WORKER_SILENT_AFTER_MS);
}

/**
 * The run executor: what a worker does with a "deliver" job. One executor at a time per destination,
 * across all worker processes: it holds a Postgres advisory lock on a connection of its own, which
 * Postgres releases by itself if the process dies. A job that finds the lock taken leaves: the
 * holder looks for more work after releasing it (see `deliverDestination`), so nothing waits for
 * a job that gave up.
 */
import pg from "pg";
import { UserError } from "@/lib/actions/user-error";
import { connectionConfig, dbPool } from "@/lib/db/client";
import { checkDueBatchJobs } from "./batch-jobs";
import { changeMark, whenListening } from "./change-feed";
import { loadDeliveryContext } from "./delivery-context";
import { SENDING_STATES, sends } from "./model/destination-state";
import { planNextChunk } from "./plan-batches";
import { enqueueDelivery } from "./queue";
import { rebuildStaleBatches } from "./rebuild-batches";
import { finishSettledRuns, markFailing } from "./runs";
import { claimDueBatches, sendBatches, WAVE_SIZE } from "./send-batches";
import { nextDueAt } from "./store/batches";
import { pool } from "./store/db";
import { hasRecordsPastCursor, hasWorkNow } from "./store/destinations";
import { listOpenRuns, type OpenRun, openRun } from "./store/runs";

/** Destinations whose delivery this process broke off because it is stopping. */
const interrupted = new Set<string>();

export async function deliverDestination(destinationId: string, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const lock = await tryLockDestination(destinationId);
    if (!lock) return;
    try {
      // A lock whose connection is lost may already be another worker's: stop at the next step.
      await deliverWhileLocked(destinationId, AbortSignal.any([signal, lock.lost]));
    } finally {
      if (signal.aborted) interrupted.add(destinationId);
      await lock.release();
    }
    // Work that arrived while the lock was held, whose own job left when it found the lock taken.
    if (signal.aborted || !(await hasWorkNow(pool(), destinationId, SENDING_STATES))) return;
  }
}

async function deliverWhileLocked(destinationId: string, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    await whenListening(signal);
    // Taken before the configuration is read: a change committed after this ends the wave.
    const mark = changeMark();
    let context: Awaited<ReturnType<typeof loadDeliveryContext>>;
    try {
      context = await loadDeliveryContext(destinationId);
    } catch (error) {
      // The credential or inspector it needs is gone: say so on the destination page.
      if (error instanceof UserError) return markFailing(destinationId, "targetMissing", error.message);
      throw error;
    }
    if (!context || !sends(context.status)) return;

    const running = await listOpenRuns(pool(), destinationId);
    let planning = running.find((run) => run.trigger !== "retry");
    if (
      !planning &&
      context.schedule === "continuous" &&
      (await hasRecordsPastCursor(pool(), destinationId))
    ) {
      planning = await openRun(pool(), { destinationId, version: context.version, trigger: "ingest" });
      running.push(planning);
    }
    // Continuous destinations send everything there is; scheduled runs what existed at their start.
    const upTo = context.schedule === "continuous" ? null : (planning?.upToRecordId ?? null);
    const planNext = (run: OpenRun) => planNextChunk(context, run.id, upTo);

    const due = await claimDueBatches(destinationId);
    const stale = due.filter((batch) => batch.version < context.version);
    if (stale.length > 0) {
      // Queued before the configuration was edited: built again with the version in force first.
      await rebuildStaleBatches(context, stale);
      continue;
    }
    if (due.length > 0) {
      // The next chunk is built while this wave is on the wire, so the lanes rarely wait for it.
      const [wave] = await Promise.all([
        sendBatches(context, mark, due, signal),
        planning && due.length < WAVE_SIZE ? planNext(planning) : undefined,
      ]);
      if (wave.rejected) return markFailing(destinationId, "credentialRejected", wave.rejected.reason);
      if (wave.stopped) return;
      continue;
    }
    if (planning && (await planNext(planning)).records > 0) continue;
    if ((await checkDueBatchJobs(context, signal)) > 0) continue;

    await finishSettledRuns(
      destinationId,
      running.map((run) => run.id),
    );
    await wakeForNextRetry(destinationId);
    return;
  }
}

/** Batches waiting for a retry, and jobs to poll, get a job at the earliest such time. */
async function wakeForNextRetry(destinationId: string): Promise<void> {
  const at = await nextDueAt(pool(), destinationId);
  if (at) await enqueueDelivery(pool(), destinationId, { runAt: at });
}

// Advisory locks live as long as the connection that took them, so each is held on a connection
// of its own, outside the shared pool (which the executor needs for everything else).
let lockPool: pg.Pool | undefined;

type DestinationLock = {
  /** Aborted when the lock's connection is lost (Postgres restarted, the backend terminated). */
  lost: AbortSignal;
  release(): Promise<void>;
};

async function tryLockDestination(destinationId: string): Promise<DestinationLock | null> {
  if (!lockPool) {
    lockPool = new pg.Pool({
      ...connectionConfig(),
      max: 20,
      // A worker whose machine vanishes holds its locks until Postgres notices the connection is
      // dead: keepalives make that about a minute instead of the system default of hours.
      options: "-c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3",
    });
    // An idle connection that drops is discarded by the pool; without a listener it would end the process.
    lockPool.on("error", (error) => console.error("Lock connection lost while idle:", error.message));
  }
  const client = await lockPool.connect();
  const lost = new AbortController();
  // A held connection that drops emits here, not on the pool; unheard, it would end the process.
  const onLost = (error: Error) => {
    console.error(`Delivery lock of destination ${destinationId} lost with its connection:`, error.message);
    lost.abort(error);
  };
  client.on("error", onLost);
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock(hashtextextended('outflow.deliver:' || $1, 0)) AS locked",
      [destinationId],
    );
    if (!rows[0]?.locked) {
      client.off("error", onLost);
      client.release();
      return null;
    }
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  return {
    lost: lost.signal,
    async release() {
      // A lost connection took its lock with it; it is discarded rather than unlocked.
      const unlocked = lost.signal.aborted
        ? Promise.reject(lost.signal.reason as Error)
        : client.query("SELECT pg_advisory_unlock(hashtextextended('outflow.deliver:' || $1, 0))", [
            destinationId,
          ]);
      await unlocked.then(
        () => {
          client.off("error", onLost);
          client.release();
        },
        // Destroyed, not pooled again: its listener stays for whatever the dying socket still emits.
        (error: Error) => client.release(error),
      );
    },
  };
}

/**
 * After stopping: queues a job for each destination this process broke off, so another worker
 * carries on at once rather than at the next sweep (or the next worker to start, if none is left).
 */
export async function handOver(): Promise<void> {
  for (const destinationId of interrupted) await enqueueDelivery(dbPool(), destinationId);
  interrupted.clear();
}

export async function closeLockPool(): Promise<void> {
  const pool = lockPool;
  lockPool = undefined;
  await pool?.end();
}

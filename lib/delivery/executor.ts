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
import { changedSince, changeMark, onNews, whenListening } from "./change-feed";
import { type DeliveryContext, loadDeliveryContext } from "./delivery-context";
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

/**
 * How long an executor whose streaming run (records arriving on a continuous destination) has
 * nothing left keeps the lock and the run open for the next record: a trickle then joins that run
 * and goes out at once, instead of each record opening a run and paying for a job, the lock and
 * the configuration.
 */
const STREAM_LINGER_MS = 1000;
/**
 * The configuration is reused from wave to wave while the change feed announces no change to it;
 * read again at least this often for the settings no announcement covers (e.g. the schedule).
 */
const CONTEXT_MAX_AGE_MS = 1000;

async function deliverWhileLocked(destinationId: string, signal: AbortSignal): Promise<void> {
  const news = new News(destinationId);
  try {
    let context: DeliveryContext | null = null;
    let mark = 0;
    let loadedAt = 0;
    /** Records were announced: plan them before looking for due batches (a trickle's fast path). */
    let planFirst = false;
    /** The open runs as last read: still so after a wake by records alone (nothing else opens or ends them then). */
    let lastRunning: OpenRun[] | null = null;
    while (!signal.aborted) {
      await whenListening(signal);
      let reloaded = false;
      if (
        !context ||
        changedSince(mark, destinationId, context.credentialId) ||
        performance.now() - loadedAt > CONTEXT_MAX_AGE_MS
      ) {
        // Taken before the configuration is read: a change committed after this ends the wave.
        mark = changeMark();
        try {
          context = await loadDeliveryContext(destinationId);
        } catch (error) {
          // The credential or inspector it needs is gone: say so on the destination page.
          if (error instanceof UserError) return markFailing(destinationId, "targetMissing", error.message);
          throw error;
        }
        loadedAt = performance.now();
        reloaded = true;
        if (!context || !sends(context.status)) return;
        news.watch(context);
      }
      const current = context;

      const running: OpenRun[] =
        planFirst && !reloaded && lastRunning ? lastRunning : await listOpenRuns(pool(), destinationId);
      lastRunning = running;
      let planning = running.find((run) => run.trigger !== "retry");
      if (
        !planning &&
        current.schedule === "continuous" &&
        (await hasRecordsPastCursor(pool(), destinationId))
      ) {
        planning = await openRun(pool(), { destinationId, version: current.version, trigger: "ingest" });
        running.push(planning);
      }
      // Continuous destinations send everything there is; scheduled runs what existed at their start.
      const upTo = current.schedule === "continuous" ? null : (planning?.upToRecordId ?? null);
      const planNext = (run: OpenRun) => planNextChunk(current, run.id, upTo);

      const due = planFirst && planning ? [] : await claimDueBatches(destinationId);
      planFirst = false;
      const stale = due.filter((batch) => batch.version < current.version);
      if (stale.length > 0) {
        // Queued before the configuration was edited: built again with the version in force first.
        await rebuildStaleBatches(current, stale);
        continue;
      }
      if (due.length > 0) {
        // The next chunk is built while this wave is on the wire, so the lanes rarely wait for it.
        const [wave] = await Promise.all([
          sendBatches(current, mark, due, signal),
          planning && due.length < WAVE_SIZE ? planNext(planning) : undefined,
        ]);
        if (wave.rejected) return markFailing(destinationId, "credentialRejected", wave.rejected.reason);
        if (wave.stopped) return;
        continue;
      }
      if (planning) {
        const planned = await planNext(planning);
        if (planned.batches.length > 0) {
          // Sent as planned, their rows committed: no second round trip to claim them back, and
          // a crash from here on sends them again from those rows.
          const wave = await sendBatches(current, mark, planned.batches, signal, planned.data);
          if (wave.rejected) return markFailing(destinationId, "credentialRejected", wave.rejected.reason);
          if (wave.stopped) return;
          continue;
        }
        if (planned.records > 0) continue;
      }
      if ((await checkDueBatchJobs(current, signal)) > 0) continue;

      if (planning?.trigger === "ingest" && current.schedule === "continuous") {
        if (await news.wait(STREAM_LINGER_MS, signal)) {
          planFirst = true;
          continue;
        }
      }
      await finishSettledRuns(
        destinationId,
        running.map((run) => run.id),
      );
      await wakeForNextRetry(destinationId);
      return;
    }
  } finally {
    news.close();
  }
}

/**
 * What the change feed announces about the destination being delivered: records appended to its
 * dataset, or a change to it or its credential. Remembered from the moment the executor holds the
 * destination, so news that comes while it is busy is not missed when it next waits.
 */
class News {
  private pending = false;
  private wake: (() => void) | undefined;
  private datasetKey: string | undefined;
  private credentialKey: string | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly destinationId: string) {
    this.unsubscribe = onNews((key) => {
      if (
        key === "*" ||
        key === this.datasetKey ||
        key === this.credentialKey ||
        key === `destination:${this.destinationId}`
      ) {
        this.pending = true;
        this.wake?.();
      }
    });
  }

  watch(context: DeliveryContext): void {
    this.datasetKey = `records:${context.datasetId}`;
    this.credentialKey = context.credentialId ? `credential:${context.credentialId}` : undefined;
  }

  /** True when news came (since the last wait), false after `ms` without any or when aborted. */
  async wait(ms: number, signal: AbortSignal): Promise<boolean> {
    if (!this.pending && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener("abort", done);
          this.wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, ms);
        signal.addEventListener("abort", done, { once: true });
        this.wake = done;
      });
    }
    const came = this.pending && !signal.aborted;
    this.pending = false;
    return came;
  }

  close(): void {
    this.wake?.();
    this.unsubscribe();
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

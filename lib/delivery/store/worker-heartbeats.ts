/** The `worker_heartbeats` rows: which delivery workers are alive, as each last said. */
import { z } from "zod";
import { execute, type Queryable, selectRow } from "./db";

export type WorkerIdentity = { id: string; hostname: string; pid: number; startedAt: Date };

/** Says this worker is alive now; creates its row on the first beat. */
export async function beat(db: Queryable, worker: WorkerIdentity): Promise<void> {
  await execute(
    db,
    `INSERT INTO worker_heartbeats (id, hostname, pid, started_at, last_seen_at)
     VALUES ($1, $2, $3, $4, now() AT TIME ZONE 'UTC')
     ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
    [worker.id, worker.hostname, worker.pid, worker.startedAt.toISOString()],
  );
}

/** A worker that stopped cleanly is gone at once, not after a minute of silence. */
export async function forgetWorker(db: Queryable, id: string): Promise<void> {
  await execute(db, "DELETE FROM worker_heartbeats WHERE id = $1", [id]);
}

/** Rows of workers silent for longer than `olderThanMs`: they died long ago. */
export async function forgetSilentWorkers(db: Queryable, olderThanMs: number): Promise<number> {
  return execute(
    db,
    "DELETE FROM worker_heartbeats WHERE last_seen_at < now() AT TIME ZONE 'UTC' - make_interval(secs => $1)",
    [olderThanMs / 1000],
  );
}

export type WorkersSeen = {
  /** Workers heard from within the window. */
  alive: number;
  /** When any worker was last heard from; null when none ever was (or the row was removed). */
  lastSeenAt: Date | null;
};

export async function readWorkersSeen(db: Queryable, aliveWithinMs: number): Promise<WorkersSeen> {
  const row = await selectRow(
    db,
    z.object({ alive: z.coerce.number(), lastSeenAt: z.date().nullable() }),
    `SELECT count(*) FILTER (WHERE last_seen_at >= now() AT TIME ZONE 'UTC' - make_interval(secs => $1)) AS alive,
            max(last_seen_at) AT TIME ZONE 'UTC' AS "lastSeenAt"
       FROM worker_heartbeats`,
    [aliveWithinMs / 1000],
  );
  return row ?? { alive: 0, lastSeenAt: null };
}

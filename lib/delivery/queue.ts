/**
 * The job queue: graphile-worker on Outflow's own Postgres. Jobs only say "look at destination X";
 * what to send and what was sent lives in Outflow's tables (runs, delivery_batches), so a job lost
 * or repeated costs nothing but a look. graphile-worker wakes idle workers with LISTEN/NOTIFY the
 * moment a job is added, which is how an ingested record reaches the API within about a second.
 */

import { Logger, runMigrations } from "graphile-worker";
import type pg from "pg";
import { addJob, type JobName, maxAttemptsOf } from "@/lib/jobs/registry";
import { SENDING_STATES } from "./model/destination-state";

/** Queued by name by the worker itself, on start and after reconnecting. */
export const SWEEP_TASK = "sweep" satisfies JobName;

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** Creates or upgrades graphile-worker's schema (graphile_worker.*); safe to call on every start. */
export async function migrateQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: quietLogger() });
}

/**
 * Asks a worker to deliver for a destination now (or at `runAt`). Keyed per destination, so a burst
 * of ingests queues one job, not thousands; a job already running is not replaced but joined by a
 * new one, which finds the destination busy and leaves the work to it (see executor.ts).
 */
export async function enqueueDelivery(
  client: Queryable,
  destinationId: string,
  options: { runAt?: Date } = {},
): Promise<void> {
  // Retry wake-ups have their own key: a later retry must not push back a pending "now".
  const jobKey = options.runAt ? `deliver-later:${destinationId}` : `deliver:${destinationId}`;
  await addJob(client, "deliver", { destinationId }, { jobKey, runAt: options.runAt });
}

/** Wakes the continuously delivering destinations of a dataset that just received records. */
export async function enqueueForDataset(client: Queryable, datasetId: string): Promise<void> {
  // One statement for all of them, so its payload is built here the way JOBS.deliver declares it.
  // The announcement (one per transaction: Postgres folds identical ones) reaches an executor
  // already holding the destination and waiting for the next record of a stream; the job is for
  // when none is.
  const deliver: JobName = "deliver";
  await client.query(
    `SELECT graphile_worker.add_job($1, json_build_object('destinationId', d.id::text),
       job_key => 'deliver:' || d.id::text, max_attempts => $3),
            pg_notify('outflow_delivery_changes', json_build_object('records', d.dataset_id::text)::text)
       FROM destinations d
      WHERE d.dataset_id = $2 AND d.status = ANY($4::"DestinationStatus"[]) AND d.schedule = 'continuous'`,
    [deliver, datasetId, maxAttemptsOf(deliver), SENDING_STATES],
  );
}

/** graphile-worker's default logger prints every job; Outflow prints its warnings and errors only. */
export function quietLogger(): Logger {
  return new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") console.error(`[queue] ${message}`);
  });
}

/**
 * Every graphile-worker job, declared once: its name, the zod schema of its payload, how many
 * attempts it gets and, for periodic ones, its schedule. The code that queues a job and the
 * worker's task list both go through here, so a payload is checked where it is added and parsed
 * again where it runs, and a job without a handler fails the type check.
 */
import type { JobHelpers, TaskList } from "graphile-worker";
import type pg from "pg";
import { z } from "zod";

type JobDefinition = {
  payload: z.ZodType;
  maxAttempts?: number;
  /** Cron schedule (graphile-worker's crontab syntax); at most one run at a time. */
  schedule?: string;
};

export const JOBS = {
  /** "Look at destination X": what to send lives in Outflow's tables, so a repeat costs a look. */
  deliver: { payload: z.object({ destinationId: z.uuid() }), maxAttempts: 10 },
  /** Starts due scheduled runs and queues destinations whose job was lost with a killed worker. */
  sweep: { payload: z.object({}), schedule: "* * * * *" },
  /** A webhook that is down for a moment still gets the alert; one that stays down is reported. */
  "alert-webhook": { payload: z.object({ notificationId: z.uuid() }), maxAttempts: 3 },
  /** Prunes old delivery data and audit events. */
  retention: { payload: z.object({}), schedule: "0 3 * * *" },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOBS;
export type JobPayload<Name extends JobName> = z.infer<(typeof JOBS)[Name]["payload"]>;

const JOB_NAMES = Object.keys(JOBS) as JobName[];

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** Queues a job (in the caller's transaction when given a client that holds one). */
export async function addJob<Name extends JobName>(
  client: Queryable,
  name: Name,
  payload: JobPayload<Name>,
  options: { jobKey?: string; runAt?: Date } = {},
): Promise<void> {
  const job: JobDefinition = JOBS[name];
  await client.query(
    `SELECT graphile_worker.add_job($1, $2::json, run_at => $3::timestamptz, job_key => $4,
       max_attempts => $5)`,
    [
      name,
      JSON.stringify(job.payload.parse(payload)),
      options.runAt ?? null,
      options.jobKey ?? null,
      job.maxAttempts ?? null,
    ],
  );
}

/** `maxAttempts` of a job, for statements that queue it for many rows at once. */
export function maxAttemptsOf(name: JobName): number | null {
  const job: JobDefinition = JOBS[name];
  return job.maxAttempts ?? null;
}

export type JobHandlers = {
  [Name in JobName]: (payload: JobPayload<Name>, helpers: JobHelpers) => Promise<void>;
};

/** The worker's task list: each handler gets its payload parsed by the job's schema. */
export function taskListOf(handlers: JobHandlers): TaskList {
  const task =
    <Name extends JobName>(name: Name) =>
    async (payload: unknown, helpers: JobHelpers) =>
      handlers[name](JOBS[name].payload.parse(payload) as JobPayload<Name>, helpers);
  return Object.fromEntries(JOB_NAMES.map((name) => [name, task(name)]));
}

/** graphile-worker's crontab for the periodic jobs. */
export const CRONTAB = JOB_NAMES.flatMap((name) => {
  const job: JobDefinition = JOBS[name];
  return job.schedule ? [`${job.schedule} ${name} ?max=1`] : [];
}).join("\n");

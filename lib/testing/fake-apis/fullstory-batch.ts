/**
 * FullStory's asynchronous batch imports (`/v2/users/batch`, `/v2/events/batch`) for the fake in
 * fullstory.ts: a job starts PROCESSING and its items are applied only when it finishes, after a
 * number of status polls or a delay, so clients must poll as the docs describe
 * (reference §3.1, §3.2).
 */
import { randomBytes } from "node:crypto";
import { type FakeReply, json } from "./fake-server";

/** FullStory's per-batch payload limit [FS-BATCH-USERS], [FS-BATCH-EVENTS]. */
export const MAX_BATCH_REQUESTS = 50_000;
/** Beyond this many in-progress batches the API answers 429 until some complete [FS-BATCH-USERS]. */
const MAX_IN_PROGRESS_JOBS = 200;

export type FullStoryError = { message: string; code: string };
export type BatchKind = "users" | "events";

export interface BatchJob {
  id: string;
  kind: BatchKind;
  status: "PROCESSING" | "COMPLETED" | "FAILED";
  created: string;
  finished?: string;
  polls: number;
  requests: unknown[];
  imports: unknown[];
  errors: (FullStoryError & Record<string, unknown>)[];
}

export interface BatchTiming {
  /** Status polls that still see PROCESSING before the job finishes. Default 1. */
  polls?: number;
  /** When set, the job finishes this many ms after creation instead of counting polls. */
  delayMs?: number;
}

/**
 * `apply` checks and applies one item: it returns the imported record, or an error to report.
 */
export function createBatchJobs(
  timing: BatchTiming,
  apply: (kind: BatchKind, item: unknown) => { imported: unknown } | { error: FullStoryError },
) {
  const jobs = new Map<string, BatchJob>();
  const itemKey: Record<BatchKind, string> = { users: "user", events: "event" };

  function finish(job: BatchJob) {
    if (job.status !== "PROCESSING") return;
    for (const item of job.requests) {
      const outcome = apply(job.kind, item);
      if ("error" in outcome) job.errors.push({ ...outcome.error, [itemKey[job.kind]]: item });
      else job.imports.push(outcome.imported);
    }
    job.status = job.errors.length > 0 ? "FAILED" : "COMPLETED";
    job.finished = new Date().toISOString();
  }

  function isDue(job: BatchJob): boolean {
    if (timing.delayMs !== undefined) return Date.now() - Date.parse(job.created) >= timing.delayMs;
    return job.polls > (timing.polls ?? 1);
  }

  const jobView = (job: BatchJob) => ({
    id: job.id,
    status: job.status,
    created: job.created,
    ...(job.finished ? { finished: job.finished } : {}),
  });

  return {
    jobs,
    completeAll() {
      for (const job of jobs.values()) finish(job);
    },

    create(kind: BatchKind, requests: unknown[]): FakeReply {
      const inProgress = [...jobs.values()].filter((job) => job.status === "PROCESSING").length;
      if (inProgress >= MAX_IN_PROGRESS_JOBS) {
        return json(
          429,
          { message: "Too many batch imports in progress", code: "too_many_requests" },
          { "retry-after": "60" },
        );
      }
      const job: BatchJob = {
        id: randomBytes(9).toString("base64url"),
        kind,
        status: "PROCESSING",
        created: new Date().toISOString(),
        polls: 0,
        requests,
        imports: [],
        errors: [],
      };
      jobs.set(job.id, job);
      return json(200, { job: jobView(job) });
    },

    status(kind: BatchKind, id: string): FakeReply | undefined {
      const job = jobs.get(id);
      if (!job || job.kind !== kind) return undefined;
      job.polls += 1;
      if (job.status === "PROCESSING" && isDue(job)) finish(job);
      const counts = { imports: job.imports.length, errors: job.errors.length };
      return json(200, { ...counts, job: jobView(job) });
    },

    /** `/imports` and `/errors`: 202 with no body while the job is processing. */
    results(kind: BatchKind, id: string, which: "imports" | "errors"): FakeReply | undefined {
      const job = jobs.get(id);
      if (!job || job.kind !== kind) return undefined;
      if (job.status === "PROCESSING" && timing.delayMs !== undefined && isDue(job)) finish(job);
      if (job.status === "PROCESSING") return json(202);
      const results = which === "imports" ? job.imports : job.errors;
      return json(200, { results, total_records: String(results.length) });
    },
  };
}

/**
 * The batch_job_checks table: asynchronous batch jobs an API accepted (FullStory's batch
 * imports), each polled until it says which of its records failed.
 */

import { z } from "zod";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { stringifyJson } from "@/lib/json/exact-json";
import { execute, type Queryable, selectRows } from "./db";

export type NewBatchJobCheck = {
  runId: string;
  jobUrl: string;
  requestBody: string | null;
  recordIds: string[];
  payloads: Record<string, DataRecord> | null;
};

/** Queues checks of jobs, the first one `firstCheckAfterMs` from now; one statement for all. */
export async function insertBatchJobChecks(
  db: Queryable,
  destinationId: string,
  checks: NewBatchJobCheck[],
  firstCheckAfterMs: number,
): Promise<void> {
  if (checks.length === 0) return;
  await execute(
    db,
    `INSERT INTO batch_job_checks (destination_id, run_id, job_url, request_body, record_ids, payloads, next_check_at)
     SELECT $1, c."runId", c."jobUrl", c."requestBody", ARRAY(SELECT json_array_elements_text(c."recordIds")::bigint),
            c.payloads, (now() AT TIME ZONE 'UTC') + make_interval(secs => $3::double precision)
       FROM json_to_recordset($2::json)
            AS c("runId" uuid, "jobUrl" text, "requestBody" text, "recordIds" json, payloads json)`,
    [destinationId, stringifyJson(checks), firstCheckAfterMs / 1000],
  );
}

const dueCheckSchema = z.object({
  id: z.string(),
  runId: z.string(),
  jobUrl: z.string(),
  requestBody: z.string().nullable(),
  recordIds: z.array(z.string()),
  payloads: z
    .record(
      z.string(),
      z.custom<DataRecord>((value) => value !== null && typeof value === "object"),
    )
    .nullable(),
  checks: z.number(),
  failedChecks: z.number(),
  ageMs: z.coerce.number(),
});

export type DueCheck = z.output<typeof dueCheckSchema>;

/** A destination's checks due now, the longest waiting first, at most `limit`. */
export async function listDueChecks(
  db: Queryable,
  destinationId: string,
  limit: number,
): Promise<DueCheck[]> {
  return selectRows(
    db,
    dueCheckSchema,
    `SELECT id::text AS id, run_id::text AS "runId", job_url AS "jobUrl", request_body AS "requestBody",
            record_ids::text[] AS "recordIds", payloads, checks, failed_checks AS "failedChecks",
            extract(epoch FROM (now() AT TIME ZONE 'UTC') - created_at) * 1000 AS "ageMs"
       FROM batch_job_checks
      WHERE destination_id = $1 AND next_check_at <= now() AT TIME ZONE 'UTC'
      ORDER BY next_check_at LIMIT $2`,
    [destinationId, limit],
  );
}

/**
 * Counts a check made, with what it answered (`failed`: no usable answer, counted in a row), and
 * sets the next one `delayMs` from now.
 */
export async function postponeCheck(
  db: Queryable,
  check: { id: string; destinationId: string },
  delayMs: number,
  last: { answer: string; failed: boolean },
): Promise<void> {
  await execute(
    db,
    `UPDATE batch_job_checks SET checks = checks + 1,
            failed_checks = CASE WHEN $5 THEN failed_checks + 1 ELSE 0 END,
            last_checked_at = now() AT TIME ZONE 'UTC', last_answer = $4,
            next_check_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => $3::double precision)
      WHERE id = $1 AND destination_id = $2`,
    [check.id, check.destinationId, delayMs / 1000, last.answer, last.failed],
  );
}

export type PendingJob = {
  jobUrl: string;
  records: number;
  lastCheckedAt: Date | null;
  lastAnswer: string | null;
  nextCheckAt: Date;
};

/** The batch jobs a run still waits for, oldest first. */
export async function listPendingJobs(db: Queryable, runId: string): Promise<PendingJob[]> {
  return selectRows(
    db,
    z.object({
      jobUrl: z.string(),
      records: z.number(),
      lastCheckedAt: z.date().nullable(),
      lastAnswer: z.string().nullable(),
      nextCheckAt: z.date(),
    }),
    `SELECT job_url AS "jobUrl", cardinality(record_ids) AS records,
            last_checked_at AT TIME ZONE 'UTC' AS "lastCheckedAt", last_answer AS "lastAnswer",
            next_check_at AT TIME ZONE 'UTC' AS "nextCheckAt"
       FROM batch_job_checks WHERE run_id = $1 ORDER BY id`,
    [runId],
  );
}

export async function deleteCheck(db: Queryable, id: string): Promise<void> {
  await execute(db, "DELETE FROM batch_job_checks WHERE id = $1", [id]);
}

/**
 * Asynchronous batch jobs (FullStory's batch imports): an accepted batch is only queued by the
 * API, which reports failed items later. Each job is polled with a growing delay until it
 * finishes; the records it names as failed then move from delivered to the dead letter. The run
 * stays open until its jobs are checked.
 */

import type pg from "pg";
import type { RecordFailure } from "@/lib/connectors/types";
import { sendToTarget } from "@/lib/credentials/send-to-target";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { dbPool } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { redactText } from "@/lib/http/redact";
import type { OutboundResult } from "@/lib/http/types";
import type { DeliveryContext } from "./delivery-context";
import { insertDeadLetters } from "./plan-batches";
import { takeRateLimit } from "./rate-limit";
import { addHourlyStats, moveDeliveredToFailed } from "./store/counters";
import { pool } from "./store/db";
import { setRunLastError } from "./store/runs";

/** The first poll, then doubling up to the longest gap; a job unfinished after a day is let go. */
export const FIRST_CHECK_AFTER_MS = 2000;
const LONGEST_CHECK_GAP_MS = 5 * 60_000;
const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;
/** Pages of errors read per job at most (FullStory pages them). */
const MAX_ERROR_PAGES = 100;

export type NewBatchJobCheck = {
  run_id: string;
  job_url: string;
  request_body: string | null;
  record_ids: string[];
  payloads: Record<string, DataRecord> | null;
};

export async function insertBatchJobChecks(
  client: pg.PoolClient,
  destinationId: string,
  checks: NewBatchJobCheck[],
): Promise<void> {
  if (checks.length === 0) return;
  await client.query(
    `INSERT INTO batch_job_checks (destination_id, run_id, job_url, request_body, record_ids, payloads, next_check_at)
     SELECT $1, c.run_id, c.job_url, c.request_body, ARRAY(SELECT jsonb_array_elements_text(c.record_ids)::bigint),
            c.payloads, (now() AT TIME ZONE 'UTC') + make_interval(secs => $3::double precision)
       FROM jsonb_to_recordset($2::jsonb)
            AS c(run_id uuid, job_url text, request_body text, record_ids jsonb, payloads jsonb)`,
    [destinationId, JSON.stringify(checks), FIRST_CHECK_AFTER_MS / 1000],
  );
}

type DueCheck = {
  id: string;
  run_id: string;
  job_url: string;
  request_body: string | null;
  record_ids: string[];
  payloads: Record<string, DataRecord> | null;
  checks: number;
  age_ms: number;
};

/** Polls the destination's jobs that are due; returns how many were looked at. */
export async function checkDueBatchJobs(context: DeliveryContext, signal: AbortSignal): Promise<number> {
  const protocol = context.connector.batchJobs;
  const { rows } = await dbPool().query<DueCheck>(
    `SELECT id::text AS id, run_id, job_url, request_body, record_ids::text[] AS record_ids, payloads, checks,
            extract(epoch FROM (now() AT TIME ZONE 'UTC') - created_at) * 1000 AS age_ms
       FROM batch_job_checks
      WHERE destination_id = $1 AND next_check_at <= now() AT TIME ZONE 'UTC'
      ORDER BY next_check_at LIMIT 50`,
    [context.id],
  );
  for (const check of rows) {
    if (signal.aborted) break;
    if (!protocol) {
      await deleteCheck(check.id);
      continue;
    }
    const status = await get(context, check.job_url, signal);
    if (!status.ok || status.status >= 300) {
      await postpone(check, context.id, Number(check.age_ms));
      continue;
    }
    const state = protocol.state(status.body);
    if (state === "processing") {
      await postpone(check, context.id, Number(check.age_ms));
    } else if (state === "completed") {
      await deleteCheck(check.id);
    } else {
      const failures = await readFailures(context, check, signal);
      if (failures === null) await postpone(check, context.id, Number(check.age_ms));
      else await recordJobFailures(context.id, check, failures);
    }
  }
  return rows.length;
}

async function readFailures(
  context: DeliveryContext,
  check: DueCheck,
  signal: AbortSignal,
): Promise<RecordFailure[] | null> {
  const protocol = context.connector.batchJobs;
  if (!protocol) return [];
  const failures: RecordFailure[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_ERROR_PAGES; page++) {
    const answer = await get(context, protocol.errorsUrl(check.job_url, pageToken), signal);
    // 202: the errors are not ready yet.
    if (!answer.ok || answer.status !== 200) return null;
    const read = protocol.failures(answer.body, { body: check.request_body }, check.record_ids);
    // The API's words are stored and shown: masked like every other answer.
    const secrets = context.target.credential?.secretValues ?? [];
    failures.push(...read.failures.map((f) => ({ ...f, message: redactText(f.message, secrets) })));
    pageToken = read.nextPageToken;
    if (!pageToken) break;
  }
  return failures;
}

async function get(context: DeliveryContext, url: string, signal: AbortSignal): Promise<OutboundResult> {
  await takeRateLimit(context.rateLimitKey, context.rateLimit, signal);
  const request = { method: "GET", url };
  const options = { timeoutMs: context.timeoutMs, followRedirects: false };
  return (await sendToTarget(context.target.credential, request, options)).result;
}

async function postpone(check: DueCheck, destinationId: string, ageMs: number): Promise<void> {
  if (ageMs > GIVE_UP_AFTER_MS) {
    // Counted as delivered: the API accepted the batch and never said otherwise.
    await setRunLastError(
      pool(),
      check.run_id,
      `The batch job ${check.job_url} did not finish within a day; its records count as delivered.`,
    );
    await deleteCheck(check.id);
    return;
  }
  const delayMs = Math.min(LONGEST_CHECK_GAP_MS, FIRST_CHECK_AFTER_MS * 2 ** (check.checks + 1));
  await dbPool().query(
    `UPDATE batch_job_checks SET checks = checks + 1,
            next_check_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => $3::double precision)
      WHERE id = $1 AND destination_id = $2`,
    [check.id, destinationId, delayMs / 1000],
  );
}

async function deleteCheck(id: string): Promise<void> {
  await dbPool().query("DELETE FROM batch_job_checks WHERE id = $1", [id]);
}

/** The job's failed records leave "delivered" for the dead letter, in one transaction. */
async function recordJobFailures(
  destinationId: string,
  check: DueCheck,
  failures: RecordFailure[],
): Promise<void> {
  await inTransaction(async (client) => {
    const missing = failures.filter((failure) => !check.payloads?.[failure.recordId]).map((f) => f.recordId);
    const { rows } = missing.length
      ? await client.query<{ id: string; data: DataRecord }>(
          "SELECT id::text AS id, data FROM records WHERE id = ANY($1::bigint[])",
          [missing],
        )
      : { rows: [] };
    const stored = new Map(rows.map((row) => [row.id, row.data]));
    await insertDeadLetters(
      client,
      destinationId,
      check.run_id,
      failures.map((failure) => ({
        record_id: failure.recordId,
        payload: check.payloads?.[failure.recordId] ?? stored.get(failure.recordId) ?? {},
        reason: failure.message,
        attempts: 1,
      })),
    );
    if (failures.length > 0) {
      await moveDeliveredToFailed(client, check.run_id, failures.length, failures.at(-1)?.message ?? null);
    }
    await addHourlyStats(client, destinationId, {
      recordsDelivered: -failures.length,
      recordsFailed: failures.length,
    });
    await client.query("DELETE FROM batch_job_checks WHERE id = $1", [check.id]);
  });
}

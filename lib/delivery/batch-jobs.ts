/**
 * Asynchronous batch jobs (FullStory's batch imports): an accepted batch is only queued by the
 * API, which reports failed items later. Each job is polled with a growing delay until it
 * finishes; the records it names as failed then move from delivered to the dead letter. The run
 * stays open until its jobs are checked, and says what it waits for. Every call is logged as a
 * request. A job whose status cannot be read, or that never finishes, is let go after a bounded
 * time: its records' outcome is unknown, so they move to Failed Records, to be retried.
 */

import type { RecordFailure } from "@/lib/connectors/types";
import { explainFailure } from "@/lib/credentials/explain-failure";
import { maskOutbound } from "@/lib/credentials/mask-outbound";
import { sendToTarget } from "@/lib/credentials/send-to-target";
import { redactHeaders, redactText } from "@/lib/http/redact";
import type { OutboundResult } from "@/lib/http/types";
import type { DeliveryContext } from "./delivery-context";
import { takeRateLimit } from "./rate-limit";
import { capText } from "./record-outcomes";
import { insertAttempts } from "./store/attempts";
import { type DueCheck, deleteCheck, listDueChecks, postponeCheck } from "./store/batch-job-checks";
import { addHourlyStats, moveDeliveredToFailed } from "./store/counters";
import { inTransaction, pool } from "./store/db";
import { insertDeadLetters } from "./store/dead-letters";
import { readRecordsById } from "./store/records";
import { setRunLastError } from "./store/runs";

/** The first poll, then doubling up to the longest gap. */
export const FIRST_CHECK_AFTER_MS = 2000;
const LONGEST_CHECK_GAP_MS = 5 * 60_000;
/** A job still processing after this long is let go: its records' outcome is unknown. */
const GIVE_UP_AFTER_MS = 60 * 60_000;
/** Status calls in a row without a usable answer before the job is let go (about two minutes). */
export const MAX_FAILED_CHECKS = 6;
/** Pages of errors read per job at most (FullStory pages them). */
const MAX_ERROR_PAGES = 100;

/** Polls the destination's jobs that are due; returns how many were looked at. */
export async function checkDueBatchJobs(context: DeliveryContext, signal: AbortSignal): Promise<number> {
  const protocol = context.connector.batchJobs;
  const rows = await listDueChecks(pool(), context.id, 50);
  for (const check of rows) {
    if (signal.aborted) break;
    if (!protocol) {
      await deleteCheck(pool(), check.id);
      continue;
    }
    const status = await get(context, check, check.jobUrl, signal);
    if (status.problem !== null) {
      await checkFailed(context, check, status.problem);
      continue;
    }
    const state = protocol.state(status.body);
    if (state === "processing") {
      await postpone(context, check, "PROCESSING");
    } else if (state === "completed") {
      await deleteCheck(pool(), check.id);
    } else {
      const failures = await readFailures(context, check, signal);
      if (typeof failures === "string") await checkFailed(context, check, failures);
      else await recordJobFailures(context.id, check, failures);
    }
  }
  return rows.length;
}

/** The job's failed items, or what kept them from being read. */
async function readFailures(
  context: DeliveryContext,
  check: DueCheck,
  signal: AbortSignal,
): Promise<RecordFailure[] | string> {
  const protocol = context.connector.batchJobs;
  if (!protocol) return [];
  const failures: RecordFailure[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_ERROR_PAGES; page++) {
    const answer = await get(context, check, protocol.errorsUrl(check.jobUrl, pageToken), signal);
    if (answer.problem !== null) return answer.problem;
    // 202: the errors are not ready yet.
    if (answer.status !== 200) return `the job failed and its errors are not ready yet (${answer.status})`;
    const read = protocol.failures(answer.body, { body: check.requestBody }, check.recordIds);
    // The API's words are stored and shown: masked like every other answer.
    const secrets = context.target.credential?.secretValues ?? [];
    failures.push(...read.failures.map((f) => ({ ...f, message: redactText(f.message, secrets) })));
    pageToken = read.nextPageToken;
    if (!pageToken) break;
  }
  return failures;
}

type StatusAnswer = { status: number; body: string; problem: null } | { problem: string };

/**
 * One call about a job, logged in the Request Log like every request sent; `problem` says, in
 * words with a hint, why the answer cannot be used (no answer, or not 2xx).
 */
async function get(
  context: DeliveryContext,
  check: DueCheck,
  url: string,
  signal: AbortSignal,
): Promise<StatusAnswer> {
  await takeRateLimit(context.rateLimitKey, context.rateLimit, signal);
  const request = { method: "GET", url };
  const startedAt = new Date();
  const sent = await sendToTarget(context.target.credential, request, {
    timeoutMs: context.timeoutMs,
    followRedirects: false,
  });
  const { result, secrets } = sent;
  const usable = result.ok && result.status >= 200 && result.status < 300;
  const problem = usable ? null : jobCallProblem(context, result, secrets);
  const shown = maskOutbound(request, context.target.credential);
  await insertAttempts(pool(), context.id, [
    {
      runId: check.runId,
      batchId: check.id,
      attempt: check.checks + 1,
      version: context.version,
      startedAt: startedAt.toISOString(),
      durationMs: result.durationMs,
      recordCount: 0,
      method: shown.method,
      url: shown.url,
      requestHeaders: shown.headers,
      requestBody: null,
      recordIds: null,
      status: result.ok ? result.status : null,
      responseHeaders: result.ok ? redactHeaders(result.headers, secrets) : null,
      responseBody: result.ok ? capText(redactText(result.body, secrets)) : null,
      outcome: "job_status",
      errorClass: usable ? null : errorClassOf(result),
      errorMessage: problem,
    },
  ]);
  if (!result.ok || problem !== null) return { problem: problem ?? "no answer" };
  return { status: result.status, body: result.body, problem: null };
}

function jobCallProblem(context: DeliveryContext, result: OutboundResult, secrets: string[]): string {
  const explained = explainFailure(context.connector, result, secrets);
  const hint =
    result.ok && (result.status === 401 || result.status === 403)
      ? "The credential was refused on the job's status: check that its key may read import jobs."
      : result.ok && result.status === 404
        ? "The API does not know this job: was the batch sent with another account or region?"
        : (explained.hint ?? "Outflow checks again later.");
  return redactText(
    [`Job status call: ${explained.summary}`, explained.apiMessage, hint].filter(Boolean).join(" — "),
    secrets,
  );
}

function errorClassOf(result: OutboundResult): string {
  if (!result.ok) return result.error.kind;
  if (result.status === 401 || result.status === 403) return "auth";
  if (result.status === 429) return "http_429";
  return result.status >= 500 ? "http_5xx" : "http_4xx";
}

/** A status call without a usable answer: the run says so; after MAX_FAILED_CHECKS, the job is let go. */
async function checkFailed(context: DeliveryContext, check: DueCheck, problem: string): Promise<void> {
  if (check.failedChecks + 1 >= MAX_FAILED_CHECKS) {
    await giveUp(
      context.id,
      check,
      `Outcome unknown: the API accepted this record in a batch job, but the job's status could not be read (${MAX_FAILED_CHECKS} calls in a row; last: ${problem}). It may or may not have been imported: retry to send it again.`,
    );
    return;
  }
  await setRunLastError(pool(), check.runId, problem);
  await postponeCheck(pool(), { id: check.id, destinationId: context.id }, nextDelay(check), {
    answer: problem,
    failed: true,
  });
}

async function postpone(context: DeliveryContext, check: DueCheck, answer: string): Promise<void> {
  if (check.ageMs > GIVE_UP_AFTER_MS) {
    await giveUp(
      context.id,
      check,
      `Outcome unknown: the API accepted this record in a batch job that was still ${answer} after an hour. It may or may not have been imported: retry to send it again.`,
    );
    return;
  }
  await postponeCheck(pool(), { id: check.id, destinationId: context.id }, nextDelay(check), {
    answer,
    failed: false,
  });
}

function nextDelay(check: DueCheck): number {
  return Math.min(LONGEST_CHECK_GAP_MS, FIRST_CHECK_AFTER_MS * 2 ** (check.checks + 1));
}

/**
 * The job's records were counted delivered when the API accepted the batch; whether it imported
 * them is now unknown. They move to Failed Records, where Retry sends them again.
 */
async function giveUp(destinationId: string, check: DueCheck, reason: string): Promise<void> {
  await recordJobFailures(
    destinationId,
    check,
    check.recordIds.map((recordId) => ({ recordId, message: reason })),
  );
}

/** The job's failed records leave "delivered" for the dead letter, in one transaction. */
async function recordJobFailures(
  destinationId: string,
  check: DueCheck,
  failures: RecordFailure[],
): Promise<void> {
  await inTransaction(async (client) => {
    const missing = failures.filter((failure) => !check.payloads?.[failure.recordId]).map((f) => f.recordId);
    const stored = await readRecordsById(client, missing);
    await insertDeadLetters(
      client,
      destinationId,
      check.runId,
      failures.map((failure) => ({
        recordId: failure.recordId,
        payload: check.payloads?.[failure.recordId] ?? stored.get(failure.recordId) ?? {},
        reason: failure.message,
        attempts: 1,
      })),
    );
    if (failures.length > 0) {
      await moveDeliveredToFailed(client, check.runId, failures.length, failures.at(-1)?.message ?? null);
    }
    await addHourlyStats(client, destinationId, {
      recordsDelivered: -failures.length,
      recordsFailed: failures.length,
    });
    await deleteCheck(client, check.id);
  });
}

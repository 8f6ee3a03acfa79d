/**
 * Asynchronous batch jobs (FullStory's batch imports): an accepted batch is only queued by the
 * API, which reports failed items later. Each job is polled with a growing delay until it
 * finishes; the records it names as failed then move from delivered to the dead letter. The run
 * stays open until its jobs are checked.
 */

import type { RecordFailure } from "@/lib/connectors/types";
import { sendToTarget } from "@/lib/credentials/send-to-target";
import { redactText } from "@/lib/http/redact";
import type { OutboundResult } from "@/lib/http/types";
import type { DeliveryContext } from "./delivery-context";
import { takeRateLimit } from "./rate-limit";
import { type DueCheck, deleteCheck, listDueChecks, postponeCheck } from "./store/batch-job-checks";
import { addHourlyStats, moveDeliveredToFailed } from "./store/counters";
import { inTransaction, pool } from "./store/db";
import { insertDeadLetters } from "./store/dead-letters";
import { readRecordsById } from "./store/records";
import { setRunLastError } from "./store/runs";

/** The first poll, then doubling up to the longest gap; a job unfinished after a day is let go. */
export const FIRST_CHECK_AFTER_MS = 2000;
const LONGEST_CHECK_GAP_MS = 5 * 60_000;
const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;
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
    const status = await get(context, check.jobUrl, signal);
    if (!status.ok || status.status >= 300) {
      await postpone(check, context.id);
      continue;
    }
    const state = protocol.state(status.body);
    if (state === "processing") {
      await postpone(check, context.id);
    } else if (state === "completed") {
      await deleteCheck(pool(), check.id);
    } else {
      const failures = await readFailures(context, check, signal);
      if (failures === null) await postpone(check, context.id);
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
    const answer = await get(context, protocol.errorsUrl(check.jobUrl, pageToken), signal);
    // 202: the errors are not ready yet.
    if (!answer.ok || answer.status !== 200) return null;
    const read = protocol.failures(answer.body, { body: check.requestBody }, check.recordIds);
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

async function postpone(check: DueCheck, destinationId: string): Promise<void> {
  if (check.ageMs > GIVE_UP_AFTER_MS) {
    // Counted as delivered: the API accepted the batch and never said otherwise.
    await setRunLastError(
      pool(),
      check.runId,
      `The batch job ${check.jobUrl} did not finish within a day; its records count as delivered.`,
    );
    await deleteCheck(pool(), check.id);
    return;
  }
  const delayMs = Math.min(LONGEST_CHECK_GAP_MS, FIRST_CHECK_AFTER_MS * 2 ** (check.checks + 1));
  await postponeCheck(pool(), { id: check.id, destinationId }, delayMs);
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

/**
 * Writes what happened to sent batches: the attempt log, the batch's next state, dead letters and
 * the run's counters, in one transaction per flush. A batch is deleted only here, after its
 * outcome is stored: until then a crash sends it again, with the same Idempotency-Key.
 */
import type { DataRecord } from "@/lib/datasets/parse/types";
import { appendRecords } from "@/lib/datasets/store/append-records";
import { FIRST_CHECK_AFTER_MS } from "./batch-jobs";
import { type AttemptOutcome, batchStateAfter } from "./model/attempt-outcome";
import { keepsRow } from "./model/batch-state";
import { insertAttempts, type NewAttempt } from "./store/attempts";
import { insertBatchJobChecks, type NewBatchJobCheck } from "./store/batch-job-checks";
import {
  type BatchRequest,
  clearSendStarted,
  deleteBatches,
  postponeBatches,
  type QueuedBatch,
} from "./store/batches";
import { addHourlyStats, addOutcomeCounts, type OutcomeCounts } from "./store/counters";
import { inTransaction, pool, type Queryable } from "./store/db";
import { insertDeadLetters, type NewDeadLetter } from "./store/dead-letters";
import { destinationExists } from "./store/destinations";
import { readRecordsById } from "./store/records";

/** Response bodies and request bodies kept in the log, at most. */
export const LOGGED_BODY_BYTES = 64 * 1024;

/** A batch with the request it is sent as. */
export type ClaimedBatch = Omit<QueuedBatch, "request"> & { request: BatchRequest };

export type AttemptLog = {
  startedAt: Date;
  durationMs: number;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  /** Set when the request body is not kept: the records it is built from again to show it. */
  recordIds?: string[] | null;
  status: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  errorClass: string | null;
  errorMessage: string | null;
};

export type Outcome = {
  batch: ClaimedBatch;
  attempt: number;
  log: AttemptLog;
} & (
  | {
      kind: "delivered";
      failedRecords: { recordId: string; message: string }[];
      /** An asynchronous batch job to poll for failed items (batch-jobs.ts). */
      jobUrl?: string | null;
    }
  | { kind: "retry"; at: Date }
  | { kind: "failed"; reason: string }
  | { kind: "held" }
);

export type ResponseRecord = { datasetId: string; record: DataRecord };

export async function recordOutcomes(
  destinationId: string,
  outcomes: Outcome[],
  responses: ResponseRecord[] = [],
): Promise<void> {
  if (outcomes.length === 0) return;
  const runs = new Map<string, OutcomeCounts>();
  const done: string[] = [];
  const retries: { id: string; attempts: number; at: string }[] = [];
  const letters: (NewDeadLetter & { runId: string; fromBatch: ClaimedBatch })[] = [];
  const jobChecks: NewBatchJobCheck[] = [];

  for (const outcome of outcomes) {
    const { batch } = outcome;
    const delta = runDelta(runs, batch.runId);
    const records = batch.recordIds.length;
    // A held request (credential refused) was sent and failed, but its records wait in their batch.
    delta.requestsAttempted += 1;
    delta.versions.add(batch.version);
    if (outcome.kind !== "held" && outcome.attempt === 1) delta.recordsAttempted += records;
    // The model says where the batch goes; its row goes once it is delivered or dead-lettered.
    if (!keepsRow(batchStateAfter(attemptOutcomeOf(outcome)))) done.push(batch.id);
    switch (outcome.kind) {
      case "delivered": {
        delta.requestsDelivered += 1;
        delta.recordsDelivered += records - outcome.failedRecords.length;
        delta.recordsFailed += outcome.failedRecords.length;
        if (outcome.jobUrl) {
          jobChecks.push({
            runId: batch.runId,
            jobUrl: outcome.jobUrl,
            requestBody: batch.request.body,
            recordIds: batch.recordIds,
            payloads: batch.payloads,
          });
        }
        for (const failed of outcome.failedRecords) {
          letters.push(letterFor(batch, failed.recordId, failed.message, outcome));
          delta.lastError = failed.message;
        }
        break;
      }
      case "retry":
        retries.push({ id: batch.id, attempts: outcome.attempt, at: outcome.at.toISOString() });
        delta.lastError = outcome.log.errorMessage;
        break;
      case "failed":
        delta.requestsFailed += 1;
        delta.recordsFailed += records;
        delta.lastError = outcome.reason;
        for (const recordId of batch.recordIds)
          letters.push(letterFor(batch, recordId, outcome.reason, outcome));
        break;
      case "held":
        delta.requestsFailed += 1;
        delta.lastError = outcome.log.errorMessage;
        break;
    }
  }

  try {
    await inTransaction(async (client) => {
      await insertAttempts(client, destinationId, outcomes.map(attemptRow));
      await deleteBatches(client, done);
      await postponeBatches(client, retries);
      // Held batches stay queued, answered: no longer in flight.
      await clearSendStarted(
        client,
        outcomes.flatMap((outcome) => (outcome.kind === "held" ? [outcome.batch.id] : [])),
      );
      await insertBatchJobChecks(client, destinationId, jobChecks, FIRST_CHECK_AFTER_MS);
      await fillPayloads(client, letters);
      for (const [runId, group] of groupBy(letters, (letter) => letter.runId)) {
        await insertDeadLetters(
          client,
          destinationId,
          runId,
          group.map(({ runId: _run, fromBatch: _batch, ...letter }) => letter),
        );
      }
      const totals = [...runs.values()];
      await addHourlyStats(client, destinationId, {
        recordsDelivered: sum(totals.map((delta) => delta.recordsDelivered)),
        recordsFailed: sum(totals.map((delta) => delta.recordsFailed)),
        requests: outcomes.length,
        requestsFailed: outcomes.filter((outcome) => outcome.kind !== "delivered").length,
        durationsMs: outcomes.map((outcome) => outcome.log.durationMs),
      });
      for (const [runId, delta] of runs) await addOutcomeCounts(client, runId, delta);
    });
  } catch (error) {
    // Deleted (or its dataset deleted) while these requests were on the wire: nothing is left to
    // record them against, and nothing is lost that anyone can still ask for.
    if (isForeignKeyViolation(error) && !(await destinationExists(pool(), destinationId))) {
      console.log(
        `Destination ${destinationId} was deleted while ${outcomes.length} request(s) were on their way; their outcomes are not recorded.`,
      );
      return;
    }
    throw error;
  }

  // The response dataset is a record of answers, not delivery state: appended after the commit.
  for (const [datasetId, group] of groupBy(responses, (response) => response.datasetId)) {
    await appendRecords(
      datasetId,
      group.map((response) => response.record),
    ).catch((error: Error) => console.error(`Could not store API responses: ${error.message}`));
  }
}

function runDelta(runs: Map<string, OutcomeCounts>, runId: string): OutcomeCounts {
  let delta = runs.get(runId);
  if (!delta) {
    delta = {
      recordsAttempted: 0,
      recordsDelivered: 0,
      recordsFailed: 0,
      requestsAttempted: 0,
      requestsDelivered: 0,
      requestsFailed: 0,
      lastError: null,
      versions: new Set(),
    };
    runs.set(runId, delta);
  }
  return delta;
}

function letterFor(batch: ClaimedBatch, recordId: string, reason: string, outcome: Outcome) {
  return {
    runId: batch.runId,
    fromBatch: batch,
    recordId,
    payload: batch.payloads?.[recordId] ?? {},
    reason,
    lastStatus: outcome.log.status,
    lastResponse: outcome.log.responseBody,
    attempts: outcome.attempt,
  };
}

/** Dead letters keep the record itself, so it can be edited and retried even if pruned later. */
async function fillPayloads(
  client: Queryable,
  letters: (NewDeadLetter & { fromBatch: ClaimedBatch })[],
): Promise<void> {
  const missing = letters.filter((letter) => !letter.fromBatch.payloads?.[letter.recordId ?? ""]);
  if (missing.length === 0) return;
  const byId = await readRecordsById(
    client,
    missing.flatMap((letter) => (letter.recordId === null ? [] : [letter.recordId])),
  );
  for (const letter of missing) letter.payload = byId.get(letter.recordId ?? "") ?? {};
}

function attemptOutcomeOf(outcome: Outcome): AttemptOutcome {
  return outcome.kind === "delivered" && outcome.failedRecords.length > 0 ? "partial" : outcome.kind;
}

function attemptRow(outcome: Outcome): NewAttempt {
  const { batch, log } = outcome;
  return {
    runId: batch.runId,
    batchId: batch.id,
    attempt: outcome.attempt,
    version: batch.version,
    startedAt: log.startedAt.toISOString(),
    durationMs: log.durationMs,
    recordCount: batch.recordIds.length,
    method: log.method,
    url: log.url,
    requestHeaders: log.requestHeaders,
    requestBody: capText(log.requestBody),
    recordIds: log.recordIds ?? null,
    status: log.status,
    responseHeaders: log.responseHeaders,
    responseBody: capText(log.responseBody),
    outcome: attemptOutcomeOf(outcome),
    errorClass: log.errorClass,
    errorMessage: log.errorMessage,
    resentAfterStop: batch.resend,
  };
}

export function capText(text: string | null): string | null {
  if (text === null || text.length <= LOGGED_BODY_BYTES) return text;
  return `${text.slice(0, LOGGED_BODY_BYTES)}… (${text.length - LOGGED_BODY_BYTES} more characters not kept)`;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "23503";
}

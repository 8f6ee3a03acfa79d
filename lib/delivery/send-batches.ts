/**
 * Sends due batches through the outbound client, each built from its records by the one request
 * builder as it goes (the batch row keeps only record ids, version and Idempotency-Key),
 * `concurrency` at a time, within the credential's rate limit, and records each outcome
 * (record-outcomes.ts). Before each request a lane checks that
 * nothing it was configured with has changed since (change-feed.ts); if it has, the wave ends and
 * the executor reads the configuration again, so an edit governs the very next request.
 */

import { explainFailure } from "@/lib/credentials/explain-failure";
import { maskOutboundOnce } from "@/lib/credentials/mask-outbound";
import { sendToTarget } from "@/lib/credentials/send-to-target";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { createWhatIsMissing } from "@/lib/destinations/create-missing";
import { deliveryKey } from "@/lib/destinations/outbound-request";
import { redactHeaders, redactText } from "@/lib/http/redact";
import type { OutboundRequest, OutboundResult } from "@/lib/http/types";
import { parseJson } from "@/lib/json/exact-json";
import type { SourceRecord } from "@/lib/payload";
import { changedSince } from "./change-feed";
import type { DeliveryContext } from "./delivery-context";
import { sends } from "./model/destination-state";
import { holdRateLimit, takeRateLimit } from "./rate-limit";
import { rebuildBatches } from "./rebuild-batches";
import {
  type AttemptLog,
  type ClaimedBatch,
  type Outcome,
  type ResponseRecord,
  recordOutcomes,
} from "./record-outcomes";
import { builderFor } from "./request-builder";
import { judge } from "./retry-policy";
import {
  clearSendStarted,
  markSendStarted,
  type QueuedBatch,
  claimDueBatches as selectDueBatches,
} from "./store/batches";
import { pool } from "./store/db";
import { readDestinationStatus } from "./store/destinations";
import { readRecordsById } from "./store/records";

/** Batches taken per wave; the executor re-reads the destination between waves. */
export const WAVE_SIZE = 500;
const FLUSH_EVERY = 200;
const FLUSH_AFTER_MS = 250;
/** How often a long wave checks that the destination is still active (Pause takes effect). */
const STATUS_CHECK_MS = 250;

export async function claimDueBatches(destinationId: string, limit = WAVE_SIZE): Promise<QueuedBatch[]> {
  return selectDueBatches(pool(), destinationId, limit);
}

export type WaveResult = {
  /** Set when the API refused the credential (401 after refresh, 403): the destination must stop. */
  rejected?: { reason: string };
  /** The destination stopped being active during the wave. */
  stopped?: boolean;
  /** Its configuration or credential changed: the batches not yet sent wait for the next wave. */
  changed?: boolean;
};

/**
 * `mark`: the change-feed mark taken before `context` was read. `known`: the batches' records when
 * the caller has just read them (it planned these batches), which saves reading them again.
 */
export async function sendBatches(
  context: DeliveryContext,
  mark: number,
  batches: QueuedBatch[],
  signal: AbortSignal,
  known?: Map<string, DataRecord>,
): Promise<WaveResult> {
  const records = known ?? (await waveRecords(context, batches));
  /** Batches that no longer build as planned: built again, in new batches, after the wave. */
  const unsendable: QueuedBatch[] = [];
  const recorder = new OutcomeBuffer(context.id);
  const result: WaveResult = {};
  const stop = new AbortController();
  const stopAll = () => stop.abort();
  signal.addEventListener("abort", stopAll, { once: true });
  const current = () => {
    if (!changedSince(mark, context.id, context.credentialId)) return true;
    result.changed = true;
    stop.abort();
    return false;
  };
  const watcher = setInterval(() => {
    // Wakes lanes waiting for the rate limit; the feed's news reaches the others before they send.
    current();
    void stillActive(context.id).then((active) => {
      if (!active) {
        result.stopped = true;
        stop.abort();
      }
    });
  }, STATUS_CHECK_MS);

  const marks = new SendMarks(batches, context.concurrency);
  let next = 0;
  const lane = async () => {
    while (!stop.signal.aborted && next < batches.length) {
      const index = next++;
      const queued = batches[index] as QueuedBatch;
      await marks.before(index);
      const batch = await asSent(context, queued, records);
      if (!batch) {
        unsendable.push(queued);
        continue;
      }
      // Only what was built here can be built again for the Request Log.
      const rebuildable = queued.request === null;
      const sent = await sendOne(context, batch, rebuildable, current, stop.signal).catch(
        (error: unknown) => {
          if (stop.signal.aborted) return null; // stopped while waiting for the rate limit
          throw error;
        },
      );
      if (!sent) return;
      marks.sent(queued.id);
      recorder.add(sent.outcome, sent.response);
      if (sent.outcome.kind === "held") {
        result.rejected ??= { reason: sent.outcome.log.errorMessage ?? "The API refused the credential." };
        stop.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, context.concurrency) }, lane));
  } finally {
    clearInterval(watcher);
    signal.removeEventListener("abort", stopAll);
    await recorder.close();
    // Marked, then not sent (the wave stopped, or they no longer build): not in flight.
    await marks.clearUnsent();
  }
  await rebuildBatches(context, unsendable, { onlyOlderVersions: false });
  return result;
}

/** The dataset records of the wave's batches that are built here, by id, in one query. */
async function waveRecords(
  context: DeliveryContext,
  batches: QueuedBatch[],
): Promise<Map<string, DataRecord>> {
  const ids = batches.flatMap((batch) => (batch.request ? [] : batch.recordIds));
  return readRecordsById(pool(), ids, context.datasetId);
}

/**
 * The batch with its request: kept, or built from its records as planning built it, with the key
 * planning gave it. The builder is pure, so a retry and a resend after a crash carry the same
 * bytes as the first attempt. Null when the records no longer build into exactly that one
 * request (some were deleted meanwhile).
 */
async function asSent(
  context: DeliveryContext,
  batch: QueuedBatch,
  records: Map<string, DataRecord>,
): Promise<ClaimedBatch | null> {
  if (batch.request) return { ...batch, request: batch.request };
  const sources: SourceRecord[] = [];
  for (const id of batch.recordIds) {
    const data = records.get(id);
    if (!data) return null;
    sources.push({ id, data });
  }
  const built = await builderFor(context)(sources);
  const request = built.requests[0];
  if (built.requests.length !== 1 || !request || request.recordIds.join() !== batch.recordIds.join())
    return null;
  const key = batch.idempotencyKey ?? deliveryKey(context.id, request);
  return {
    ...batch,
    request: {
      method: request.method,
      url: request.url,
      headers: { ...request.headers, "idempotency-key": key },
      body: request.body,
    },
  };
}

/**
 * Marks batches as about to be sent (`send_started_at`) ahead of the lanes, a few at a time, so
 * that a worker dying mid-send leaves a trace on exactly the batches that may have gone out (and
 * a few more at most): the next worker's send of them is a resend. Marking every request alone
 * would cost a round trip each; the next few are marked while the lanes send the current ones.
 */
class SendMarks {
  private markedUpTo = 0;
  private marking: Promise<void> | null = null;
  private readonly sentIds = new Set<string>();
  private readonly chunk: number;

  constructor(
    private readonly batches: QueuedBatch[],
    concurrency: number,
  ) {
    this.chunk = Math.min(64, Math.max(4, 2 * concurrency));
  }

  /** Resolves once batch `index` is marked; starts marking the next ones before they are needed. */
  async before(index: number): Promise<void> {
    while (index >= this.markedUpTo) await this.markNext();
    if (index + this.chunk / 2 >= this.markedUpTo && this.markedUpTo < this.batches.length)
      void this.markNext().catch(() => undefined); // an error shows when a lane awaits the mark
  }

  sent(id: string): void {
    this.sentIds.add(id);
  }

  async clearUnsent(): Promise<void> {
    await this.marking?.catch(() => undefined);
    const unsent = this.batches
      .slice(0, this.markedUpTo)
      .filter((batch) => !this.sentIds.has(batch.id))
      .map((batch) => batch.id);
    await clearSendStarted(pool(), unsent);
  }

  private markNext(): Promise<void> {
    if (!this.marking) {
      const from = this.markedUpTo;
      const to = Math.min(this.batches.length, from + this.chunk);
      const ids = this.batches.slice(from, to).map((batch) => batch.id);
      this.marking = markSendStarted(pool(), ids).then(
        () => {
          this.markedUpTo = to;
          this.marking = null;
        },
        (error: unknown) => {
          this.marking = null;
          throw error;
        },
      );
    }
    return this.marking;
  }
}

async function stillActive(destinationId: string): Promise<boolean> {
  const status = await readDestinationStatus(pool(), destinationId);
  return status !== null && sends(status);
}

/** Null when not sent: `current()` said the configuration changed first. */
async function sendOne(
  context: DeliveryContext,
  batch: ClaimedBatch,
  rebuildable: boolean,
  current: () => boolean,
  signal: AbortSignal,
): Promise<{ outcome: Outcome; response: ResponseRecord | null } | null> {
  const attempt = batch.attempts + 1;
  const outbound: OutboundRequest = {
    method: batch.request.method,
    url: batch.request.url,
    headers: batch.request.headers,
    body: batch.request.body ?? undefined,
  };
  await takeRateLimit(context.rateLimitKey, context.rateLimit, signal);
  if (!current()) return null;
  // What the request names and the account lacks is created first, when the credential says so;
  // a creation that fails lets the API's own refusal of the request say what is wrong.
  const notCreated = await createWhatIsMissing(context.target, batch.request, {
    timeoutMs: context.timeoutMs,
  });
  if (!current()) return null;
  const startedAt = new Date();
  const options = { timeoutMs: context.timeoutMs, followRedirects: false };
  const sent = await sendToTarget(context.target.credential, outbound, options);
  const { result, secrets } = sent;
  // The token endpoint answered but gave no token: the Client ID or Secret is wrong.
  const tokenRefused = Boolean(sent.tokenFailure && result.ok);

  // The same for every request of the version and credential but for the Idempotency-Key.
  const shown = maskOutboundOnce(outbound, context.target.credential, "idempotency-key");
  const verdict = judge(result, attempt, context.retry);
  const log: AttemptLog = {
    startedAt,
    durationMs: result.durationMs,
    method: shown.method,
    url: shown.url,
    requestHeaders: shown.headers,
    // A delivered request's body is built again from its records when the log shows it; one
    // that failed is kept, as what went wrong may depend on exactly those bytes.
    requestBody:
      batch.request.body === null || (rebuildable && verdict.kind === "delivered" && !tokenRefused)
        ? null
        : redactText(batch.request.body, secrets),
    recordIds: rebuildable && verdict.kind === "delivered" && !tokenRefused ? batch.recordIds : null,
    status: result.ok ? result.status : null,
    responseHeaders: result.ok ? redactHeaders(result.headers, secrets) : null,
    responseBody: result.ok ? redactText(result.body, secrets) : null,
    errorClass:
      verdict.kind === "delivered" ? null : verdict.kind === "rejected" ? "auth" : verdict.errorClass,
    // Explained only when it failed: reading the API's message parses every answer's body.
    errorMessage: verdict.kind === "delivered" ? null : failureMessage(context, result, secrets, notCreated),
  };
  if (tokenRefused) log.errorClass = "auth";

  if (result.ok && result.status === 429) {
    // Every worker holds back on this credential until the API's Retry-After (or the backoff).
    const until = verdict.kind === "retry" ? (verdict.retryAfter ?? verdict.at) : new Date(Date.now() + 1000);
    await holdRateLimit(context.rateLimitKey, until);
  }

  const response = responseRecord(context, batch, attempt, result, log);
  if (tokenRefused || verdict.kind === "rejected") {
    return { outcome: { kind: "held", batch, attempt, log }, response };
  }
  switch (verdict.kind) {
    case "delivered": {
      const failedRecords = (
        result.ok && context.connector.partialFailures
          ? context.connector.partialFailures(batch.request, result, batch.recordIds)
          : []
      ).map((failed) => ({ ...failed, message: redactText(failed.message, secrets) }));
      const jobUrl = result.ok ? context.connector.batchJobs?.jobUrl(batch.request, result) : null;
      return { outcome: { kind: "delivered", batch, attempt, log, failedRecords, jobUrl }, response };
    }
    case "retry":
      return { outcome: { kind: "retry", batch, attempt, log, at: verdict.at }, response };
    case "failed":
      return {
        outcome: {
          kind: "failed",
          batch,
          attempt,
          log,
          reason: attempt > 1 ? `${log.errorMessage} (after ${attempt} attempts)` : (log.errorMessage ?? ""),
        },
        response,
      };
  }
}

function failureMessage(
  context: DeliveryContext,
  result: OutboundResult,
  secrets: string[],
  notCreated: string | null | undefined,
): string {
  const explained = explainFailure(context.connector, result, secrets);
  return redactText(
    [explained.summary, explained.apiMessage, explained.hint, notCreated].filter(Boolean).join(" — "),
    secrets,
  );
}

/** The API's answer as a record of the destination's response dataset, when that is on. */
function responseRecord(
  context: DeliveryContext,
  batch: ClaimedBatch,
  attempt: number,
  result: OutboundResult,
  log: AttemptLog,
): ResponseRecord | null {
  if (!context.responseDatasetId || !result.ok) return null;
  let body: unknown = log.responseBody ?? "";
  try {
    body = parseJson(log.responseBody ?? "");
  } catch {
    // Not JSON: kept as text.
  }
  const request = {
    method: log.method,
    url: log.url,
    status: result.status,
    attempt,
    durationMs: result.durationMs,
    recordIds: batch.recordIds,
    idempotencyKey: batch.request.headers["idempotency-key"] ?? null,
    sentAt: log.startedAt.toISOString(),
  };
  const record =
    body !== null && typeof body === "object" && !Array.isArray(body)
      ? { ...(body as Record<string, unknown>), _request: request }
      : { body, _request: request };
  return { datasetId: context.responseDatasetId, record };
}

/** Outcomes are written in groups, so a fast API costs a few statements per hundred requests. */
class OutcomeBuffer {
  private outcomes: Outcome[] = [];
  private responses: ResponseRecord[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private failure: unknown;

  constructor(private readonly destinationId: string) {}

  add(outcome: Outcome, response: ResponseRecord | null): void {
    this.outcomes.push(outcome);
    if (response) this.responses.push(response);
    if (this.outcomes.length >= FLUSH_EVERY) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS);
  }

  async close(): Promise<void> {
    this.flush();
    await this.writing;
    if (this.failure !== undefined) throw this.failure;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const outcomes = this.outcomes;
    const responses = this.responses;
    this.outcomes = [];
    this.responses = [];
    if (outcomes.length === 0) return;
    this.writing = this.writing.then(() =>
      recordOutcomes(this.destinationId, outcomes, responses).catch((error: unknown) => {
        this.failure ??= error;
      }),
    );
  }
}

/**
 * Retries against a real local API: 429 with Retry-After (nothing goes out until the time it
 * names, in seconds or as an HTTP date) and an API failing with 500 for a while. Every record ends
 * up delivered exactly once, with the same Idempotency-Key on each of its attempts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requireDatabaseUrl } from "@/lib/config";
import { db, disconnectDb } from "@/lib/db/client";
import { createFlow, type Flow, waitFor } from "@/lib/testing/delivery-fixtures";
import { resetDatabase } from "@/lib/testing/reset-database";
import { type Sink, type SinkAnswer, type SinkRequest, startSink } from "@/lib/testing/sink";
import { activateDestination } from "./lifecycle";
import { type DeliveryWorker, startDeliveryWorker } from "./worker";

let sink: Sink;
let worker: DeliveryWorker;
/** What the sink answered to each request, by the request's index. */
let answered: { request: SinkRequest; status: number; at: number }[];

beforeAll(async () => {
  sink = await startSink();
  worker = await startDeliveryWorker(requireDatabaseUrl());
});
afterAll(async () => {
  await worker.stop();
  await sink.close();
  await disconnectDb();
});
beforeEach(async () => {
  await resetDatabase();
  sink.requests.length = 0;
  answered = [];
});

/** Answers with `decide` (successes after `delayMs`), keeping each answer and when it left. */
function answerWith(
  decide: (request: SinkRequest, index: number) => Exclude<SinkAnswer, "hang">,
  delayMs = 0,
) {
  sink.respond = async (request, index) => {
    const answer = decide(request, index);
    if (answer.status === 200 && delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    answered[index] = { request, status: answer.status, at: Date.now() };
    return answer;
  };
}

const recordOf = (request: SinkRequest) => (JSON.parse(request.body) as { n: number }).n;

/** Waits until every record 1…n got a 2xx. */
async function waitForAllDelivered(n: number, timeoutMs = 40_000) {
  await waitFor(
    `all ${n} records delivered`,
    () => new Set(answered.filter((a) => a?.status === 200).map((a) => recordOf(a.request))).size >= n,
    timeoutMs,
  );
}

/** Each record got exactly one 200, and every attempt of a record carried the same Idempotency-Key. */
function expectEachDeliveredOnce(n: number) {
  const delivered = answered.filter((a) => a.status === 200).map((a) => recordOf(a.request));
  expect(delivered.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  const keys = new Map<number, Set<string | undefined>>();
  for (const { request } of answered) {
    const record = recordOf(request);
    keys.set(record, (keys.get(record) ?? new Set()).add(request.idempotencyKey));
  }
  for (const [record, seen] of keys) {
    expect({ record, keys: seen.size }).toEqual({ record, keys: 1 });
  }
}

/** Requests that arrived after `from` and before `until`. */
function arrivedBetween(from: number, until: number): SinkRequest[] {
  return sink.requests.filter((request) => request.at > from && request.at < until);
}

async function finishedRun(flow: Flow) {
  await waitFor("the run to finish", async () => {
    const running = await db().run.count({ where: { destinationId: flow.destinationId, status: "running" } });
    return running === 0;
  });
  return db().run.findFirstOrThrow({ where: { destinationId: flow.destinationId, trigger: "activate" } });
}

const CONCURRENCY = 4;

describe("429 with Retry-After", { timeout: 90_000 }, () => {
  it("delivers everything, and sends nothing between a 429 with Retry-After: 1 and the second after it", async () => {
    // Three requests in ten are refused: 30%, spread over the run.
    answerWith((_request, index) =>
      [2, 5, 8].includes(index % 10)
        ? { status: 429, headers: { "retry-after": "1" }, body: '{"message":"Too many requests"}' }
        : { status: 200, body: '{"ok":true}' },
    );
    const flow = await createFlow({
      sinkUrl: sink.url,
      records: 20,
      settings: { concurrency: CONCURRENCY, maxAttempts: 10 },
    });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitForAllDelivered(20);

    const refusals = answered.filter((a) => a.status === 429);
    expect(refusals.length).toBeGreaterThanOrEqual(5);
    // However slow the machine, the only requests that may arrive in the second after a 429 are
    // those the other concurrent senders had already sent: at most concurrency − 1 of them. Without
    // the hold, a sender would go on at once and most seconds would see many more.
    for (const refusal of refusals) {
      const early = arrivedBetween(refusal.at, refusal.at + 1000);
      expect(
        early.length,
        `requests that arrived within the second after the 429 answered at ${refusal.at}`,
      ).toBeLessThanOrEqual(CONCURRENCY - 1);
    }
    expectEachDeliveredOnce(20);

    const run = await finishedRun(flow);
    expect(run).toMatchObject({ status: "succeeded", recordsDelivered: 20, recordsFailed: 0 });
    expect(
      await db().deliveryAttempt.count({
        where: { destinationId: flow.destinationId, errorClass: "http_429" },
      }),
    ).toBe(refusals.length);
    expect(await db().deadLetter.count()).toBe(0);
  });

  it("waits until the HTTP date a Retry-After names", async () => {
    let until = 0;
    // Successes take a while, so that requests sent on regardless would arrive after the allowance.
    answerWith((_request, index) => {
      if (index > 0) return { status: 200, body: '{"ok":true}' };
      // Whole seconds: between 1 and 2 seconds from now.
      const date = new Date(Math.floor(Date.now() / 1000) * 1000 + 2000);
      until = date.getTime();
      return { status: 429, headers: { "retry-after": date.toUTCString() }, body: "" };
    }, 50);
    const flow = await createFlow({ sinkUrl: sink.url, records: 6, settings: { concurrency: 1 } });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitForAllDelivered(6);

    const refusal = answered[0];
    expect(refusal?.status).toBe(429);
    // One sender: nothing else was on its way when the 429 left, so nothing may arrive before the date.
    expect(arrivedBetween(refusal?.at ?? 0, until)).toEqual([]);
    // The refused record was sent again, after the date.
    const again = sink.requests.filter(
      (request) => recordOf(request) === recordOf(refusal?.request as SinkRequest),
    );
    expect(again).toHaveLength(2);
    expect(again[1]?.at).toBeGreaterThanOrEqual(until);
    expectEachDeliveredOnce(6);
  });
});

describe("an API failing with 500 for a while", { timeout: 90_000 }, () => {
  it("delivers every record exactly once after it recovers, with each failure in the attempt log", async () => {
    let firstAt = 0;
    answerWith((request) => {
      firstAt ||= request.at;
      return request.at - firstAt < 2000
        ? { status: 500, body: '{"error":"internal"}' }
        : { status: 200, body: '{"ok":true}' };
    });
    const flow = await createFlow({
      sinkUrl: sink.url,
      records: 20,
      settings: { concurrency: 4, maxAttempts: 10, retryBaseSeconds: 0.2 },
    });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitForAllDelivered(20);

    const failures = answered.filter((a) => a.status === 500);
    expect(failures.length).toBeGreaterThanOrEqual(20);
    expectEachDeliveredOnce(20);

    const run = await finishedRun(flow);
    expect(run).toMatchObject({
      status: "succeeded",
      recordsDelivered: 20,
      recordsFailed: 0,
      requestsAttempted: answered.length,
      requestsDelivered: 20,
    });
    const attempts = await db().deliveryAttempt.groupBy({
      by: ["outcome", "errorClass", "status"],
      where: { destinationId: flow.destinationId },
      _count: true,
    });
    expect(attempts.sort((a, b) => a.outcome.localeCompare(b.outcome))).toEqual([
      { outcome: "delivered", errorClass: null, status: 200, _count: 20 },
      { outcome: "retry", errorClass: "http_5xx", status: 500, _count: failures.length },
    ]);
    expect(await db().deadLetter.count()).toBe(0);
    expect(await db().deliveryBatch.count()).toBe(0);
  });
});

/**
 * A credential's rate limit holds across worker processes: the API, counting the requests that
 * arrive in any second, never sees more than the limit. The workers here are separate processes
 * (`npm run worker`), and three destinations share the one credential so that both processes
 * have destinations to send for at once.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { createFlow, type Flow, waitFor } from "@/lib/testing/delivery-fixtures";
import { resetDatabase } from "@/lib/testing/reset-database";
import { type Sink, startSink } from "@/lib/testing/sink";
import { startWorkerProcess, stopWorkerProcesses, workerProcessOutput } from "@/lib/testing/worker-process";
import { activateDestination } from "./lifecycle";

let sink: Sink;

beforeAll(async () => {
  sink = await startSink();
});
afterAll(async () => {
  await stopWorkerProcesses("SIGKILL");
  await sink.close();
  await disconnectDb();
});
beforeEach(async () => {
  await resetDatabase();
  sink.requests.length = 0;
  sink.respond = () => ({ status: 200, body: '{"ok":true}' });
});
afterEach(async () => {
  await stopWorkerProcesses();
});

/** The most requests that arrived within any span of `windowMs` (arrivals at t and t + windowMs are apart). */
function maxInSlidingWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe("rate limits", { timeout: 90_000 }, () => {
  it("never lets more than 50 requests a second reach the API, with two worker processes sending", async ({
    onTestFailed,
  }) => {
    const workers = await Promise.all([startWorkerProcess(), startWorkerProcess()]);
    onTestFailed(() => console.log(workerProcessOutput(workers)));

    const rateLimit = { requests: 50, windowSeconds: 1 };
    const settings = { concurrency: 8 };
    const first = await createFlow({ sinkUrl: sink.url, records: 100, rateLimit, settings, name: "A" });
    const flows: Flow[] = [first];
    for (const name of ["B", "C"]) {
      flows.push(await createFlow({ sinkUrl: sink.url, records: 100, settings, name, alongside: first }));
    }
    for (const flow of flows) await activateDestination(flow.workspaceId, flow.destinationId);

    await waitFor("300 requests", () => sink.requests.length >= 300, 40_000);
    await waitFor("the runs to finish", async () => {
      const running = await db().run.count({ where: { status: "running" } });
      return running === 0;
    });

    const busiest = maxInSlidingWindow(
      sink.requests.map((request) => request.at),
      1000,
    );
    expect(busiest).toBeLessThanOrEqual(50);

    // Every record of every destination arrived exactly once.
    expect(sink.requests).toHaveLength(300);
    for (const flow of flows) {
      const run = await db().run.findFirstOrThrow({ where: { destinationId: flow.destinationId } });
      expect(run).toMatchObject({ status: "succeeded", recordsDelivered: 100 });
    }
    const received = sink.requests.map((request) => request.idempotencyKey);
    expect(new Set(received).size).toBe(300);
  });
});

describe("maxInSlidingWindow", () => {
  it("counts the arrivals within any span shorter than the window", () => {
    expect(maxInSlidingWindow([], 1000)).toBe(0);
    expect(maxInSlidingWindow([0, 999, 1000, 1999], 1000)).toBe(2);
    expect(maxInSlidingWindow([0, 500, 600, 999, 1400], 1000)).toBe(4);
  });
});

/**
 * A credential's rate limit holds across worker processes: the API, counting the requests that
 * arrive in any second, never sees more than the limit. The workers here are separate processes
 * (`npm run worker`), and three destinations share the one credential so that both processes
 * have destinations to send for at once.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { createFlow, type Flow, waitFor } from "@/lib/testing/delivery-fixtures";
import { processOfPort } from "@/lib/testing/process-of-port";
import { resetDatabase } from "@/lib/testing/reset-database";
import { type Sink, type SinkRequest, startSink } from "@/lib/testing/sink";
import { maxInSlidingWindow } from "@/lib/testing/sliding-window";
import {
  startWorkerProcess,
  stopWorkerProcesses,
  type WorkerProcess,
  workerProcessOutput,
} from "@/lib/testing/worker-process";
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

/** Two worker processes taking one destination at a time each, their output shown if the test fails. */
async function startTwoWorkers(onTestFailed: (fn: () => void) => void): Promise<WorkerProcess[]> {
  const oneAtATime = { env: { OUTFLOW_WORKER_CONCURRENCY: "1" } };
  const workers = await Promise.all([startWorkerProcess(oneAtATime), startWorkerProcess(oneAtATime)]);
  onTestFailed(() => console.log(workerProcessOutput(workers)));
  return workers;
}

/**
 * Which process sent each request, by its connection's port: while a request is open, the process
 * holding its connection is the one that sent it. Call `note` first thing in `sink.respond`.
 */
function senderTracker(workers: WorkerProcess[]) {
  const senders = new Map<number, number | undefined>();
  return {
    async note(request: SinkRequest): Promise<number | undefined> {
      const port = request.remotePort ?? 0;
      if (!senders.has(port))
        senders.set(
          port,
          await processOfPort(
            port,
            workers.map((w) => w.pid),
          ),
        );
      return senders.get(port);
    },
    senderOf: (request: SinkRequest) => senders.get(request.remotePort ?? 0),
    sentBy: (pid: number) =>
      sink.requests.filter((request) => senders.get(request.remotePort ?? 0) === pid).length,
  };
}

describe("rate limits", { timeout: 90_000 }, () => {
  it("never lets more than 50 requests a second reach the API, with two worker processes sending", async ({
    onTestFailed,
  }) => {
    // One destination at a time per process: while one process delivers the first destination
    // activated, the second is taken by the other, so both send whichever starts first.
    const workers = await startTwoWorkers(onTestFailed);
    const senders = senderTracker(workers);
    sink.respond = async (request) => {
      await senders.note(request);
      return { status: 200, body: '{"ok":true}' };
    };

    const rateLimit = { requests: 50, windowSeconds: 1 };
    const settings = { concurrency: 8 };
    const first = await createFlow({ sinkUrl: sink.url, records: 100, rateLimit, settings, name: "A" });
    const flows: Flow[] = [first];
    for (const name of ["B", "C"]) {
      flows.push(await createFlow({ sinkUrl: sink.url, records: 100, settings, name, alongside: first }));
    }
    for (const flow of flows) await activateDestination(flow.workspaceId, flow.destinationId);

    await waitFor("300 requests", () => sink.requests.length >= 300, 60_000);
    await waitFor("the runs to finish", async () => {
      const running = await db().run.count({ where: { status: "running" } });
      return running === 0;
    });

    // Both processes sent: a limit kept by one process alone would prove nothing about sharing it.
    for (const worker of workers)
      expect(senders.sentBy(worker.pid), `requests sent by ${worker.pid}`).toBeGreaterThan(0);

    // Load only ever delays arrivals, so these hold for a correct limiter however busy the machine:
    // 300 requests at 50 a second cannot all arrive in less than 5 seconds, and no 2 seconds hold
    // more than 100 (a scheduling hiccup can bunch a few late arrivals with the next ones, never
    // a whole second's worth).
    const times = sink.requests.map((request) => request.at).sort((a, b) => a - b);
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(5000);
    expect(maxInSlidingWindow(times, 2000)).toBeLessThanOrEqual(100);

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

describe("429 across worker processes", { timeout: 90_000 }, () => {
  it("a 429 answered to one process holds the other's senders too, until the Retry-After", async ({
    onTestFailed,
  }) => {
    const workers = await startTwoWorkers(onTestFailed);
    const senders = senderTracker(workers);
    const retryAfterSeconds = 4;
    const refusals: { at: number; pid: number | undefined }[] = [];
    const sent = new Map<number | undefined, number>();
    const onTheWire = new Map<number | undefined, number>();
    sink.respond = async (request) => {
      const pid = await senders.note(request);
      sent.set(pid, (sent.get(pid) ?? 0) + 1);
      const other = workers.map((worker) => worker.pid).find((candidate) => candidate !== pid);
      const last = refusals.at(-1);
      // Refused only while the other process has a request on the wire, so that it is sending
      // when the 429 is answered, and only after the previous hold has ended.
      const refuse =
        refusals.length < 2 &&
        (sent.get(pid) ?? 0) >= 5 &&
        (onTheWire.get(other) ?? 0) > 0 &&
        (!last || request.at > last.at + retryAfterSeconds * 1000 + 500);
      if (refuse) {
        refusals.push({ at: request.at, pid });
        return {
          status: 429,
          headers: { "retry-after": String(retryAfterSeconds) },
          body: '{"message":"Too many requests"}',
        };
      }
      // Answers take a while, as a real API's do, so that requests of both processes overlap.
      onTheWire.set(pid, (onTheWire.get(pid) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      onTheWire.set(pid, (onTheWire.get(pid) ?? 0) - 1);
      return { status: 200, body: '{"ok":true}' };
    };

    // No rate limit of its own: only the 429s hold the credential.
    const settings = { concurrency: 4, maxAttempts: 10 };
    const first = await createFlow({ sinkUrl: sink.url, records: 100, settings, name: "A" });
    const flows: Flow[] = [first];
    for (const name of ["B", "C"]) {
      flows.push(await createFlow({ sinkUrl: sink.url, records: 100, settings, name, alongside: first }));
    }
    for (const flow of flows) await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor(
      "the runs to finish",
      async () => {
        const succeeded = await db().run.count({ where: { status: "succeeded" } });
        return succeeded === flows.length;
      },
      60_000,
    );

    for (const worker of workers)
      expect(senders.sentBy(worker.pid), `requests sent by ${worker.pid}`).toBeGreaterThan(0);

    // Both 429s were answered while both processes were sending. Requests already on the wire, and
    // those a busy machine delays, arrive in the first moments after a 429; from then until the
    // Retry-After ends, nothing arrives from either process.
    expect(refusals).toHaveLength(2);
    const grace = 1500;
    for (const refusal of refusals) {
      const held = sink.requests.filter(
        (request) => request.at >= refusal.at + grace && request.at < refusal.at + retryAfterSeconds * 1000,
      );
      expect(held, `arrivals while the 429 at ${refusal.at} held the credential`).toEqual([]);
      // The other process had records left to send: the quiet was the hold, not the end of its work.
      const resumedByOther = sink.requests.filter(
        (request) =>
          request.at >= refusal.at + retryAfterSeconds * 1000 && senders.senderOf(request) !== refusal.pid,
      );
      expect(resumedByOther.length, "requests of the other process after the hold").toBeGreaterThan(0);
    }
    // The refused requests were sent again, with their keys: every record arrived.
    expect(new Set(sink.requests.map((request) => request.idempotencyKey)).size).toBe(300);
  });
});

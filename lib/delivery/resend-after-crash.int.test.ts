/**
 * A worker killed between send and outcome: the API received the requests, the worker died before
 * their answers came back, so no outcome was recorded. The next worker sends them again with the
 * same Idempotency-Key, and the Request Log shows those resends as such (the first sends left no row).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { getRequest, listRequests } from "@/lib/monitoring/request-log";
import { createFlow, waitFor } from "@/lib/testing/delivery-fixtures";
import { type Sink, startSink } from "@/lib/testing/sink";
import {
  startWorkerProcess,
  stopWorkerProcesses,
  type WorkerProcess,
  workerProcessOutput,
} from "@/lib/testing/worker-process";
import { activateDestination } from "./lifecycle";

const RECORDS = 20;
const LANES = 4;

let sink: Sink;

beforeAll(async () => {
  sink = await startSink();
});
afterAll(async () => {
  await stopWorkerProcesses("SIGKILL");
  await sink.close();
  await disconnectDb();
});

const recordOf = (body: string) => (JSON.parse(body) as { n: number }).n;

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

describe("a crash between send and outcome", { timeout: 150_000 }, () => {
  it("the resend appears in the Request Log with the Idempotency-Key the first send carried", async ({
    onTestFailed,
  }) => {
    const workers: WorkerProcess[] = [];
    onTestFailed(() => console.log(workerProcessOutput(workers)));

    // The API holds its answers until the worker is dead: what it received has no outcome anywhere.
    let answer!: () => void;
    const held = new Promise<void>((resolve) => {
      answer = resolve;
    });
    sink.respond = async () => {
      await held;
      return { status: 200, body: '{"ok":true}' };
    };

    workers.push(await startWorkerProcess());
    const flow = await createFlow({ sinkUrl: sink.url, records: RECORDS, settings: { concurrency: LANES } });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("a request on every lane", () => sink.requests.length >= LANES, 60_000);
    await workers[0]?.kill("SIGKILL");
    const firstSends = new Map(
      sink.requests.map((request) => [recordOf(request.body), request.idempotencyKey]),
    );
    answer();
    expect(firstSends.size).toBeGreaterThan(0);
    expect(await db().deliveryAttempt.count({ where: { destinationId: flow.destinationId } })).toBe(0);

    workers.push(await startWorkerProcess());
    await waitFor(
      "the run to finish",
      async () => {
        const run = await db().run.findFirst({ where: { destinationId: flow.destinationId } });
        return run?.status === "succeeded";
      },
      90_000,
    );

    // Each record sent before the kill went twice, under one key.
    for (const [n, key] of firstSends) {
      const sends = sink.requests.filter((request) => recordOf(request.body) === n);
      expect({ record: n, sends: sends.length }).toEqual({ record: n, sends: 2 });
      expect(new Set(sends.map((request) => request.idempotencyKey))).toEqual(new Set([key]));
    }

    // The Request Log lists every record's delivered request, the resends among them, each under
    // the key its first send carried (keys are one per record).
    const page = await listRequests(flow.workspaceId, flow.destinationId);
    expect(page?.entries).toHaveLength(RECORDS);
    const statusOfKey = new Map<string | undefined, number | null>();
    const resentKeys = new Set<string | undefined>();
    for (const entry of page?.entries ?? []) {
      const detail = await getRequest(flow.workspaceId, flow.destinationId, entry.id);
      if (!detail) throw new Error(`attempt ${entry.id} is not in the Request Log`);
      const key = headerValue(detail.requestHeaders, "idempotency-key");
      statusOfKey.set(key, detail.status);
      if (detail.resentAfterStop) resentKeys.add(key);
    }
    for (const [n, key] of firstSends) {
      expect({ record: n, key, status: statusOfKey.get(key) }).toEqual({ record: n, key, status: 200 });
      // Each resend says so in the Request Log.
      expect({ record: n, resent: resentKeys.has(key) }).toEqual({ record: n, resent: true });
    }
    // Batches are marked a few ahead of the lanes: at most that many more may say so, never the rest.
    expect(resentKeys.size).toBeLessThanOrEqual(firstSends.size + 2 * LANES);
    expect(resentKeys.size).toBeLessThan(RECORDS);
  });
});

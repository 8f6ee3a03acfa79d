/**
 * Runs survive crashes: a worker process killed with SIGKILL in the middle of a run loses no
 * record. Another worker process, started afterwards, finishes the run; records whose outcome the
 * killed worker had not yet written are sent again, with the same Idempotency-Key.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { createFlow, waitFor } from "@/lib/testing/delivery-fixtures";
import { resetDatabase } from "@/lib/testing/reset-database";
import { type Sink, type SinkRequest, startSink } from "@/lib/testing/sink";
import {
  startWorkerProcess,
  stopWorkerProcesses,
  type WorkerProcess,
  workerProcessOutput,
} from "@/lib/testing/worker-process";
import { activateDestination } from "./lifecycle";

// Ten waves of 500 and five planning rounds of 1000: enough for the kill to land mid-wave with
// whole waves on either side of it.
const RECORDS = 5_000;

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
  // A little slow, like a real API, so that the kill lands mid-run.
  sink.respond = async () => {
    await new Promise((resolve) => setTimeout(resolve, 3));
    return { status: 200, body: '{"ok":true}' };
  };
});
afterEach(async () => {
  await stopWorkerProcesses();
});

const recordOf = (request: SinkRequest) => (JSON.parse(request.body) as { n: number }).n;

/** The distinct records the sink has received. */
function receivedRecords(): Set<number> {
  return new Set(sink.requests.map(recordOf));
}

// Minutes, not seconds, on a slow machine: thousands of requests and two worker processes to start.
describe("a worker stopping mid-run", { timeout: 150_000 }, () => {
  it("killed with SIGKILL, loses no record: a new worker delivers the rest, repeating only what was in flight, with the same Idempotency-Key", async ({
    onTestFailed,
  }) => {
    const workers: WorkerProcess[] = [];
    onTestFailed(() => console.log(workerProcessOutput(workers)));

    workers.push(await startWorkerProcess());
    const flow = await createFlow({ sinkUrl: sink.url, records: RECORDS, settings: { concurrency: 8 } });
    await activateDestination(flow.workspaceId, flow.destinationId);

    // Mid-wave: planning (every 1000 records) and waves (500 batches) start at round numbers.
    await waitFor("about 40% of the records", () => sink.requests.length >= RECORDS * 0.4 + 250, 60_000);
    await workers[0]?.kill("SIGKILL");
    const atKill = receivedRecords().size;
    expect(atKill).toBeLessThan(RECORDS * 0.8);

    // graphile-worker keeps the killed worker's job locked (for hours): the next worker must not wait for it.
    const locked = await db().$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM graphile_worker._private_jobs j
        JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE t.identifier = 'deliver' AND j.locked_at IS NOT NULL`;
    expect(Number(locked[0]?.count)).toBeGreaterThan(0);

    workers.push(await startWorkerProcess());
    await waitFor("every record", () => receivedRecords().size >= RECORDS, 90_000);
    await waitFor("the run to finish", async () => {
      const running = await db().run.count({
        where: { destinationId: flow.destinationId, status: "running" },
      });
      return running === 0;
    });

    // Every record arrived at least once; a record sent twice carried the same key both times.
    const byRecord = new Map<number, SinkRequest[]>();
    for (const request of sink.requests) {
      const n = recordOf(request);
      byRecord.set(n, [...(byRecord.get(n) ?? []), request]);
    }
    expect(byRecord.size).toBe(RECORDS);
    for (let n = 1; n <= RECORDS; n++) expect(byRecord.has(n), `record ${n} arrived`).toBe(true);
    const repeated = [...byRecord].filter(([, requests]) => requests.length > 1);
    for (const [n, requests] of repeated) {
      const keys = new Set(requests.map((request) => request.idempotencyKey));
      expect({ record: n, keys: keys.size }).toEqual({ record: n, keys: 1 });
    }
    // What was in flight or not yet recorded at the kill went twice; only that.
    expect(repeated.length).toBeGreaterThan(0);
    expect(repeated.length).toBeLessThan(1000);
    // All keys are distinct between records.
    expect(new Set(sink.requests.map((request) => request.idempotencyKey)).size).toBe(RECORDS);

    // Nothing left queued, the run finished and counted each record once.
    expect(await db().deliveryBatch.count()).toBe(0);
    expect(await db().deadLetter.count()).toBe(0);
    const runs = await db().run.findMany({ where: { destinationId: flow.destinationId } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      trigger: "activate",
      status: "succeeded",
      recordsPlanned: RECORDS,
      recordsDelivered: RECORDS,
      recordsFailed: 0,
    });
    const destination = await db().destination.findUniqueOrThrow({ where: { id: flow.destinationId } });
    const last = await db().datasetRecord.findFirstOrThrow({
      where: { datasetId: flow.datasetId },
      orderBy: { id: "desc" },
    });
    expect(destination.cursor).toBe(last.id);
    console.log(`killed after ${atKill} records; ${repeated.length} records sent twice`);
  });

  it("a worker stopped with SIGTERM finishes only the requests in flight and records them: the next worker sends each remaining record once", async ({
    onTestFailed,
  }) => {
    const records = 3000;
    const workers: WorkerProcess[] = [];
    onTestFailed(() => console.log(workerProcessOutput(workers)));

    workers.push(await startWorkerProcess());
    const flow = await createFlow({ sinkUrl: sink.url, records, settings: { concurrency: 8 } });
    await activateDestination(flow.workspaceId, flow.destinationId);

    await waitFor("about 40% of the records", () => sink.requests.length >= records * 0.4 + 50, 60_000);
    const atSignal = sink.requests.length;
    await workers[0]?.kill("SIGTERM");
    // Only the requests already on their way arrive after the signal: one per lane, and one more per
    // lane that the process may send before its event loop reaches the signal. Far fewer than the
    // 1,800 records left, which a worker ignoring the signal would go on sending.
    expect(sink.requests.length - atSignal).toBeLessThanOrEqual(2 * 8);
    expect(receivedRecords().size).toBeLessThan(records);

    workers.push(await startWorkerProcess());
    await waitFor("every record", () => receivedRecords().size >= records, 60_000);
    await waitFor("the run to finish", async () => {
      const running = await db().run.count({
        where: { destinationId: flow.destinationId, status: "running" },
      });
      return running === 0;
    });
    // Everything the stopped worker sent was recorded as sent: nothing went twice.
    expect(sink.requests).toHaveLength(records);
    expect(await db().deliveryBatch.count()).toBe(0);
    const run = await db().run.findFirstOrThrow({ where: { destinationId: flow.destinationId } });
    expect(run).toMatchObject({ status: "succeeded", recordsDelivered: records, requestsAttempted: records });
  });
});

import { describe, expect, it } from "vitest";
import { appendRecords } from "@/lib/datasets/store/append-records";
import { db } from "@/lib/db/client";
import { deliverControlRecord } from "@/lib/testing/control-flow";
import { createFlow, numberedRecords, waitFor } from "@/lib/testing/delivery-fixtures";
import { deliveryHarness } from "@/lib/testing/delivery-harness";
import { activateDestination, runDestinationNow } from "./lifecycle";
import { FAILING_AFTER_FAILED_RUNS } from "./run-outcome";
import { sweep } from "./sweep";

const sink = deliveryHarness();

const runsOf = (destinationId: string) =>
  db().run.findMany({ where: { destinationId }, orderBy: { startedAt: "asc" } });
const failedRuns = (destinationId: string) => db().run.count({ where: { destinationId, status: "failed" } });
const settled = async (destinationId: string) =>
  (await db().run.count({ where: { destinationId, status: "running" } })) === 0;

describe("scheduled destinations", () => {
  it("send what existed when the scheduled run started, and nothing in between", async () => {
    const flow = await createFlow({
      sinkUrl: sink.url,
      records: 3,
      settings: { schedule: "interval", intervalMinutes: 60 },
    });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("the activation run", () => sink.requests.length === 3);
    await waitFor("the run to end", () => settled(flow.destinationId));

    // Records that arrive between runs wait for the schedule.
    await appendRecords(flow.datasetId, numberedRecords(4, 5));
    await deliverControlRecord();
    expect(sink.requests).toHaveLength(3);

    // The hour has passed: the once-a-minute sweep starts the scheduled run.
    await db().destination.update({
      where: { id: flow.destinationId },
      data: { nextScheduledAt: new Date(Date.now() - 1000) },
    });
    await sweep();
    await waitFor("the scheduled run", () => sink.requests.length === 5);
    await waitFor("the run to end", () => settled(flow.destinationId));
    const runs = await runsOf(flow.destinationId);
    expect(runs.map((run) => [run.trigger, run.status, run.recordsDelivered])).toEqual([
      ["activate", "succeeded", 3],
      ["schedule", "succeeded", 2],
    ]);
    const destination = await db().destination.findUniqueOrThrow({ where: { id: flow.destinationId } });
    expect(destination.nextScheduledAt?.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);

    // Run Now sends what arrived since, without waiting for the hour.
    await appendRecords(flow.datasetId, numberedRecords(6, 6));
    await runDestinationNow(flow.workspaceId, flow.destinationId);
    await waitFor("the manual run", () => sink.requests.length === 6);
    await waitFor("the run to end", () => settled(flow.destinationId));
    expect((await runsOf(flow.destinationId)).at(-1)).toMatchObject({
      trigger: "manual",
      recordsDelivered: 1,
    });
  });
});

describe("failure policy", () => {
  it(`sets a destination failing after ${FAILING_AFTER_FAILED_RUNS} runs that deliver nothing, keeps later records, and Activate resumes`, async () => {
    sink.respond = () => ({ status: 400, body: '{"message":"email is not valid"}' });
    const flow = await createFlow({ sinkUrl: sink.url, records: 1 });
    await activateDestination(flow.workspaceId, flow.destinationId);
    // One record per run: each arrives after the previous run has ended.
    for (let n = 2; n <= FAILING_AFTER_FAILED_RUNS; n++) {
      await waitFor(`run ${n - 1} to end`, async () => (await failedRuns(flow.destinationId)) === n - 1);
      await appendRecords(flow.datasetId, numberedRecords(n, n));
    }
    await waitFor("the destination to be failing", async () => {
      const destination = await db().destination.findUniqueOrThrow({ where: { id: flow.destinationId } });
      return destination.status === "failing";
    });
    const destination = await db().destination.findUniqueOrThrow({ where: { id: flow.destinationId } });
    expect(destination.failingReason).toMatch(
      /The last 3 runs delivered nothing\. Last error: .*400.*email is not valid/,
    );
    expect(await db().deadLetter.count({ where: { destinationId: flow.destinationId } })).toBe(3);

    // While failing nothing is sent; a record that arrives waits.
    const sent = sink.requests.length;
    await appendRecords(flow.datasetId, numberedRecords(10, 10));
    await deliverControlRecord();
    expect(sink.requests).toHaveLength(sent);

    sink.respond = () => ({ status: 200, body: "{}" });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("the waiting record", () => sink.requests.length === sent + 1);
    expect(JSON.parse(sink.requests.at(-1)?.body ?? "{}")).toMatchObject({ n: 10 });
  });
});

describe("response webhook", () => {
  it("keeps each response, JSON or text, with its request's details in the destination's responses dataset", async () => {
    sink.respond = (request) =>
      (JSON.parse(request.body) as { n: number }).n === 1
        ? { status: 200, body: '{"id":"abc","created":true}' }
        : { status: 200, headers: { "content-type": "text/plain" }, body: "queued" };
    const flow = await createFlow({ sinkUrl: sink.url, records: 2, responseWebhook: true, name: "Webhooks" });
    await activateDestination(flow.workspaceId, flow.destinationId);
    const destination = await db().destination.findUniqueOrThrow({ where: { id: flow.destinationId } });
    const datasetId = destination.responseDatasetId ?? "";
    expect((await db().dataset.findUniqueOrThrow({ where: { id: datasetId } })).name).toBe(
      "Webhooks responses",
    );
    await waitFor(
      "two responses stored",
      async () => (await db().datasetRecord.count({ where: { datasetId } })) === 2,
    );
    const records = (await db().datasetRecord.findMany({ where: { datasetId } })).map(
      (record) => record.data as Record<string, unknown>,
    );
    const json = records.find((record) => record.id === "abc");
    const text = records.find((record) => record.body === "queued");
    expect(json).toMatchObject({ created: true, _request: { method: "POST", status: 200, attempt: 1 } });
    expect(text).toMatchObject({ _request: { url: `${sink.url}/events`, status: 200 } });
    const first = sink.requests.find((request) => (JSON.parse(request.body) as { n: number }).n === 1);
    expect((json?._request as { idempotencyKey?: string } | undefined)?.idempotencyKey).toBe(
      first?.idempotencyKey,
    );
  });
});

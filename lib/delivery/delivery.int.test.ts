import { describe, expect, it } from "vitest";
import { appendRecords } from "@/lib/datasets/store/append-records";
import { db } from "@/lib/db/client";
import { getDestination } from "@/lib/destinations/manage-destinations";
import { previewRequests } from "@/lib/destinations/preview-requests";
import { deliverControlRecord } from "@/lib/testing/control-flow";
import { createFlow, numberedRecords, SINK_TOKEN, waitFor } from "@/lib/testing/delivery-fixtures";
import { deliveryHarness } from "@/lib/testing/delivery-harness";
import { activateDestination, pauseDestination } from "./lifecycle";

const sink = deliveryHarness();

const bodies = () => sink.requests.map((request) => JSON.parse(request.body) as { n: number });

describe("delivery", () => {
  it("sends every record once, as built, with auth and an Idempotency-Key, then new records as they arrive", async () => {
    const flow = await createFlow({ sinkUrl: sink.url, records: 25 });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("25 requests", () => sink.requests.length >= 25);
    expect(
      bodies()
        .map((body) => body.n)
        .sort((a, b) => a - b),
    ).toEqual(numberedRecords(1, 25).map((r) => r.n));
    expect(sink.requests[0]?.headers.authorization).toBe(`Bearer ${SINK_TOKEN}`);
    expect(sink.requests[0]?.path).toBe("/events");
    expect(new Set(sink.requests.map((r) => r.idempotencyKey)).size).toBe(25);

    await waitFor("the activation run to finish", async () => {
      const run = await db().run.findFirst({
        where: { destinationId: flow.destinationId, trigger: "activate" },
      });
      return run?.status === "succeeded";
    });
    const run = await db().run.findFirstOrThrow({
      where: { destinationId: flow.destinationId, trigger: "activate" },
    });
    expect(run).toMatchObject({
      recordsPlanned: 25,
      recordsDelivered: 25,
      requestsAttempted: 25,
      recordsFailed: 0,
    });

    await appendRecords(flow.datasetId, numberedRecords(26, 27));
    await waitFor("the 2 new records", () => sink.requests.length >= 27);
    expect(
      bodies()
        .slice(25)
        .map((body) => body.n)
        .sort(),
    ).toEqual([26, 27]);
    await waitFor("the ingest run to finish", async () => {
      const run = await db().run.findFirst({
        where: { destinationId: flow.destinationId, trigger: "ingest" },
      });
      return run?.status === "succeeded";
    });
    expect(await db().deliveryAttempt.count({ where: { destinationId: flow.destinationId } })).toBe(27);
  });

  it("sends batches of 10 in a records envelope, byte for byte as the preview shows them", async () => {
    const flow = await createFlow({ sinkUrl: sink.url, records: 25, batchSize: 10 });
    const detail = await getDestination(flow.workspaceId, flow.destinationId);
    if (!detail) throw new Error("the destination is missing");
    const preview = await previewRequests(flow.workspaceId, flow.destinationId, detail.config, 10);
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("3 requests", () => sink.requests.length >= 3);
    await waitFor("the activation run to finish", async () => {
      const run = await db().run.findFirst({ where: { destinationId: flow.destinationId } });
      return run?.status === "succeeded";
    });

    const envelope = (from: number, to: number) =>
      `{"records":[${numberedRecords(from, to)
        .map((record) => `{"n":${record.n},"email":"${record.email}"}`)
        .join(",")}]}`;
    const sent = [...sink.requests].sort((a, b) => a.body.localeCompare(b.body, "en", { numeric: true }));
    expect(sent.map((request) => request.body)).toEqual([
      envelope(1, 10),
      envelope(11, 20),
      envelope(21, 25),
    ]);
    for (const request of sent) {
      expect(request).toMatchObject({ method: "POST", path: "/events" });
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers["content-length"]).toBe(String(Buffer.byteLength(request.body)));
    }
    expect(new Set(sent.map((request) => request.idempotencyKey)).size).toBe(3);
    // The preview built the same three requests, down to the Idempotency-Key.
    expect(preview.requests.map((request) => [request.body, request.headers["idempotency-key"]])).toEqual(
      sent.map((request) => [request.body, request.idempotencyKey]),
    );

    const run = await db().run.findFirstOrThrow({ where: { destinationId: flow.destinationId } });
    expect(run).toMatchObject({
      recordsPlanned: 25,
      recordsDelivered: 25,
      requestsAttempted: 3,
      requestsDelivered: 3,
    });
  });

  it("keeps records that arrive while paused and sends them after Activate", async () => {
    const flow = await createFlow({ sinkUrl: sink.url, records: 3 });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("3 requests", () => sink.requests.length >= 3);
    await pauseDestination(flow.workspaceId, flow.destinationId);
    await appendRecords(flow.datasetId, numberedRecords(4, 6));
    await deliverControlRecord();
    expect(sink.requests).toHaveLength(3);
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("6 requests", () => sink.requests.length >= 6);
    expect(
      bodies()
        .map((body) => body.n)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

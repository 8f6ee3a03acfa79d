import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createDataset } from "@/lib/datasets/manage-datasets";
import { appendRecords } from "@/lib/datasets/store/append-records";
import { db, disconnectDb } from "@/lib/db/client";
import type { NotificationKind } from "@/lib/db/generated/client";
import { createFlow, numberedRecords } from "@/lib/testing/delivery-fixtures";
import { resetDatabase } from "@/lib/testing/reset-database";
import { pruneOldDeliveryData } from "./retention";

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

afterAll(async () => {
  await disconnectDb();
});
beforeEach(async () => {
  await resetDatabase();
});

const recordNs = async (datasetId: string) =>
  (await db().datasetRecord.findMany({ where: { datasetId }, orderBy: { id: "asc" } })).map(
    (record) => (record.data as { n: number }).n,
  );
const recordCount = async (datasetId: string) =>
  Number((await db().dataset.findUniqueOrThrow({ where: { id: datasetId } })).recordCount);

describe("retention", () => {
  it("prunes old attempts and old records every destination has delivered, and nothing else", async () => {
    // A dataset of 6 records, 1–4 received 40 days ago, with two destinations.
    const flow = await createFlow({ sinkUrl: "http://127.0.0.1:9", records: 6 });
    const ids = (
      await db().datasetRecord.findMany({ where: { datasetId: flow.datasetId }, orderBy: { id: "asc" } })
    ).map((record) => record.id);
    const idOf = (n: number) => ids[n - 1] as bigint;
    await db().datasetRecord.updateMany({
      where: { id: { lte: idOf(4) } },
      data: { receivedAt: daysAgo(40) },
    });
    const other = await db().destination.create({
      data: {
        workspaceId: flow.workspaceId,
        name: "Second",
        datasetId: flow.datasetId,
        connectorId: "http",
        cursor: idOf(3),
      },
    });
    await db().destination.update({ where: { id: flow.destinationId }, data: { cursor: idOf(6) } });
    const run = await db().run.create({
      data: { destinationId: flow.destinationId, trigger: "activate", version: 1, status: "failed" },
    });
    // Record 2 is still in a pending batch.
    const batch = await db().deliveryBatch.create({
      data: {
        destinationId: flow.destinationId,
        runId: run.id,
        version: 1,
        recordIds: [idOf(2)],
        request: { method: "POST", url: "http://127.0.0.1:9/events", headers: {}, body: "{}" },
      },
    });
    await db().deadLetter.create({
      data: {
        destinationId: flow.destinationId,
        runId: run.id,
        recordId: idOf(1),
        payload: { n: 1 },
        reason: "400",
      },
    });
    await db().deliveryHourlyStats.create({
      data: { destinationId: flow.destinationId, hour: daysAgo(40), requests: 5, latencyHistogram: [] },
    });
    const attempt = (startedAt: Date) => ({
      destinationId: flow.destinationId,
      runId: run.id,
      batchId: 1n,
      attempt: 1,
      version: 1,
      startedAt,
      durationMs: 10,
      recordCount: 1,
      method: "POST",
      url: "http://127.0.0.1:9/events",
      requestHeaders: {},
      outcome: "failed",
    });
    await db().deliveryAttempt.createMany({
      data: [
        ...Array.from({ length: 5 }, () => attempt(daysAgo(31))),
        attempt(daysAgo(29)),
        attempt(new Date()),
      ],
    });
    // A dataset with no destination keeps even its old records: nothing has delivered them.
    const lonely = await createDataset(flow.workspaceId, "Uploaded");
    await appendRecords(lonely.id, numberedRecords(1, 3));
    await db().datasetRecord.updateMany({
      where: { datasetId: lonely.id },
      data: { receivedAt: daysAgo(90) },
    });

    // Chunks of 2 rows, to go through more than one statement.
    expect(await pruneOldDeliveryData({ retentionDays: 30, chunk: 2 })).toEqual({
      attempts: 5,
      records: 1,
      notifications: 0,
    });
    expect(await db().deliveryAttempt.count()).toBe(2);
    expect(await recordNs(flow.datasetId)).toEqual([2, 3, 4, 5, 6]);
    expect(await recordCount(flow.datasetId)).toBe(5);

    // The batch is settled: records 2 and 3 go; 4 waits for the second destination.
    await db().deliveryBatch.delete({ where: { id: batch.id } });
    expect(await pruneOldDeliveryData({ retentionDays: 30, chunk: 2 })).toEqual({
      attempts: 0,
      records: 2,
      notifications: 0,
    });
    expect(await recordNs(flow.datasetId)).toEqual([4, 5, 6]);

    // Delivered everywhere: 4 goes, the recent 5 and 6 stay.
    await db().destination.update({ where: { id: other.id }, data: { cursor: idOf(6) } });
    expect(await pruneOldDeliveryData({ retentionDays: 30, chunk: 2 })).toEqual({
      attempts: 0,
      records: 1,
      notifications: 0,
    });
    expect(await recordNs(flow.datasetId)).toEqual([5, 6]);
    expect(await recordCount(flow.datasetId)).toBe(2);

    expect(await recordNs(lonely.id)).toEqual([1, 2, 3]);
    expect(await db().run.count()).toBe(1);
    expect(await db().deadLetter.count()).toBe(1);
    expect((await db().deliveryHourlyStats.findFirstOrThrow()).requests).toBe(5);
  });

  it("keeps records a pending batch job check still names", async () => {
    const flow = await createFlow({ sinkUrl: "http://127.0.0.1:9", records: 3 });
    const ids = (
      await db().datasetRecord.findMany({ where: { datasetId: flow.datasetId }, orderBy: { id: "asc" } })
    ).map((record) => record.id);
    await db().datasetRecord.updateMany({
      where: { datasetId: flow.datasetId },
      data: { receivedAt: daysAgo(60) },
    });
    await db().destination.update({ where: { id: flow.destinationId }, data: { cursor: ids[2] as bigint } });
    const run = await db().run.create({
      data: { destinationId: flow.destinationId, trigger: "activate", version: 1 },
    });
    await db().batchJobCheck.create({
      data: {
        destinationId: flow.destinationId,
        runId: run.id,
        jobUrl: "http://127.0.0.1:9/jobs/1",
        recordIds: [ids[1] as bigint, ids[2] as bigint],
        nextCheckAt: new Date(),
      },
    });
    expect(await pruneOldDeliveryData({ retentionDays: 30 })).toEqual({
      attempts: 0,
      records: 1,
      notifications: 0,
    });
    expect(await recordNs(flow.datasetId)).toEqual([2, 3]);
  });

  it("prunes old alerts about runs and failing destinations, and keeps credential expiry alerts", async () => {
    const flow = await createFlow({ sinkUrl: "http://127.0.0.1:9" });
    const alert = (kind: NotificationKind, key: string, createdAt: Date, readAt: Date | null = null) => ({
      workspaceId: flow.workspaceId,
      kind,
      title: key,
      message: key,
      link: "/",
      dedupeKey: key,
      createdAt,
      readAt,
    });
    await db().notification.createMany({
      data: [
        alert("run_failed", "old run", daysAgo(31), daysAgo(30)),
        alert("destination_failing", "old failing", daysAgo(45)),
        alert("credential_expired", "old expiry", daysAgo(60)),
        alert("run_failed", "recent run", daysAgo(29)),
      ],
    });

    expect(await pruneOldDeliveryData({ retentionDays: 30, chunk: 1 })).toEqual({
      attempts: 0,
      records: 0,
      notifications: 2,
    });
    const kept = await db().notification.findMany({ orderBy: { createdAt: "asc" } });
    expect(kept.map((notification) => notification.dedupeKey)).toEqual(["old expiry", "recent run"]);
  });
});

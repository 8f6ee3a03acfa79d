import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requireDatabaseUrl } from "@/lib/config";
import { db, disconnectDb } from "@/lib/db/client";
import { createTemplateFlow, waitFor } from "@/lib/testing/delivery-fixtures";
import { type FakeFullStory, startFakeFullStory } from "@/lib/testing/fake-apis/fullstory";
import { resetDatabase } from "@/lib/testing/reset-database";
import { activateDestination } from "./lifecycle";
import { type DeliveryWorker, startDeliveryWorker } from "./worker";

const API_KEY = "na1.fs-key-0123456789abcdef";

let fullstory: FakeFullStory;
let worker: DeliveryWorker;

beforeAll(async () => {
  // The job finishes on its second status poll, as a real import takes a while.
  fullstory = await startFakeFullStory({ apiKey: API_KEY, batchJobs: { polls: 1 } });
  worker = await startDeliveryWorker(requireDatabaseUrl());
});
afterAll(async () => {
  await worker.stop();
  await fullstory.close();
  await disconnectDb();
});
beforeEach(async () => {
  await resetDatabase();
  fullstory.requests.length = 0;
  fullstory.users.clear();
});

describe("asynchronous batch imports", () => {
  it("polls a FullStory batch job and moves only the users it reports as failed to Failed Records", async () => {
    // FullStory refuses property values over 8 KiB when it imports the batch, not when it accepts it.
    const users = [
      { uid: "u1", email: "u1@example.com", plan: "pro" },
      { uid: "u2", email: "u2@example.com", notes: "x".repeat(9000) },
      { uid: "u3", email: "u3@example.com", plan: "free" },
    ];
    const { workspaceId, destinationId: id } = await createTemplateFlow({
      connectorId: "fullstory",
      templateId: "batch-create-users",
      values: { apiKey: API_KEY },
      baseUrl: fullstory.url,
      records: users,
    });

    await activateDestination(workspaceId, id);
    await waitFor("the run to finish after the job is checked", async () => {
      const run = await db().run.findFirst({ where: { destinationId: id, trigger: "activate" } });
      return run !== null && run.status !== "running";
    });

    const run = await db().run.findFirstOrThrow({ where: { destinationId: id, trigger: "activate" } });
    expect(run).toMatchObject({
      status: "partially_failed",
      recordsDelivered: 2,
      recordsFailed: 1,
      requestsAttempted: 1,
    });
    const letters = await db().deadLetter.findMany({ where: { destinationId: id } });
    expect(letters).toHaveLength(1);
    expect(letters[0]?.payload).toMatchObject({ uid: "u2" });
    expect(letters[0]?.reason).toMatch(/FullStory batch import: .*larger than 8192 bytes/);
    // One import, then status polls until FAILED, then its errors.
    const paths = fullstory.requests.map((request) => `${request.method} ${request.path}`);
    expect(paths[0]).toBe("POST /v2/users/batch");
    expect(
      paths.filter((path) => /^GET \/v2\/users\/batch\/[^/]+$/.test(path)).length,
    ).toBeGreaterThanOrEqual(2);
    expect(paths.at(-1)).toMatch(/^GET \/v2\/users\/batch\/[^/]+\/errors$/);
    expect([...fullstory.users.values()].map((user) => user.uid).sort()).toEqual(["u1", "u3"]);
  });
});

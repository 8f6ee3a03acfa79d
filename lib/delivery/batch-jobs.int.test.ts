import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requireDatabaseUrl } from "@/lib/config";
import { db, dbPool, disconnectDb } from "@/lib/db/client";
import { getDestination } from "@/lib/destinations/manage-destinations";
import { sendTestData } from "@/lib/destinations/send-test-data";
import { listRunJobs } from "@/lib/monitoring/destination-runs";
import { createTemplateFlow, waitFor } from "@/lib/testing/delivery-fixtures";
import { type FakeFullStory, startFakeFullStory } from "@/lib/testing/fake-apis/fullstory";
import { resetDatabase } from "@/lib/testing/reset-database";
import { MAX_FAILED_CHECKS } from "./batch-jobs";
import { retryDeadLetters } from "./dead-letters";
import { activateDestination } from "./lifecycle";
import { enqueueDelivery } from "./queue";
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
  fullstory.batchJobs.clear();
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

  it("says what the run waits for, logs every status call, and lets a job whose status cannot be read go as outcome unknown", async () => {
    const users = [
      { uid: "u1", email: "u1@example.com" },
      { uid: "u2", email: "u2@example.com" },
    ];
    const { workspaceId, destinationId: id } = await createTemplateFlow({
      connectorId: "fullstory",
      templateId: "batch-create-users",
      values: { apiKey: API_KEY },
      baseUrl: fullstory.url,
      records: users,
    });

    await activateDestination(workspaceId, id);
    // FullStory accepts the batch, then no longer knows its job: every status call answers 404.
    await waitFor("the batch to be accepted", () => fullstory.batchJobs.size === 1);
    fullstory.batchJobs.clear();
    await waitFor("a failed status call", async () => {
      const check = await db().batchJobCheck.findFirst({ where: { destinationId: id } });
      return (check?.failedChecks ?? 0) >= 1;
    });

    // The run says what it waits for and why the last call failed, with a hint.
    const run = await db().run.findFirstOrThrow({ where: { destinationId: id, trigger: "activate" } });
    expect(run.status).toBe("running");
    expect(run.lastError).toMatch(/^Job status call: .*404.*does not know this job/);
    const [job, ...more] = await listRunJobs(run.id);
    expect(more).toEqual([]);
    expect(job).toMatchObject({ records: 2, lastAnswer: run.lastError });
    expect(job?.jobUrl).toMatch(/\/v2\/users\/batch\/[^/]+$/);
    expect(job?.nextCheckAt.getTime()).toBeGreaterThan(job?.lastCheckedAt?.getTime() ?? Infinity);

    // Time passes: each check falls due at once, until the bound on failed calls is reached.
    await waitFor(
      "the job to be let go",
      async () => {
        await dbPool().query(
          "UPDATE batch_job_checks SET next_check_at = now() AT TIME ZONE 'UTC' WHERE destination_id = $1",
          [id],
        );
        await enqueueDelivery(dbPool(), id);
        return (await db().batchJobCheck.count({ where: { destinationId: id } })) === 0;
      },
      60_000,
    );
    await waitFor("the run to end", async () => {
      const ended = await db().run.findUniqueOrThrow({ where: { id: run.id } });
      return ended.status !== "running";
    });

    // Not delivered, not lost: both records wait in Failed Records as outcome unknown.
    const ended = await db().run.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended).toMatchObject({ status: "failed", recordsDelivered: 0, recordsFailed: 2 });
    const letters = await db().deadLetter.findMany({ where: { destinationId: id }, orderBy: { id: "asc" } });
    expect(letters.map((letter) => letter.payload)).toEqual(users);
    for (const letter of letters) expect(letter.reason).toMatch(/^Outcome unknown: .*retry to send it again/);

    // Every status call is in the Request Log as such, with its answer.
    const calls = await db().deliveryAttempt.findMany({
      where: { destinationId: id, outcome: "job_status" },
      orderBy: { id: "asc" },
    });
    expect(calls).toHaveLength(MAX_FAILED_CHECKS);
    for (const call of calls) {
      expect(call).toMatchObject({ method: "GET", status: 404, recordCount: 0, errorClass: "http_4xx" });
      // The key is masked in the logged request like in every other.
      expect(JSON.stringify(call.requestHeaders)).not.toContain(API_KEY);
    }

    // Retry sends them again, in a run of their own.
    expect(await retryDeadLetters(workspaceId, id, "all")).toMatchObject({ records: 2 });
  });

  it("Send Test Data follows the import job and shows the users it refused", async () => {
    const users = [
      { uid: "t1", email: "t1@example.com" },
      { uid: "t2", email: "t2@example.com", notes: "x".repeat(9000) },
      { uid: "t3", email: "t3@example.com" },
    ];
    const { workspaceId, destinationId: id } = await createTemplateFlow({
      connectorId: "fullstory",
      templateId: "batch-create-users",
      values: { apiKey: API_KEY },
      baseUrl: fullstory.url,
      records: users,
    });
    const destination = await getDestination(workspaceId, id);
    if (!destination) throw new Error("the destination was not created");
    const result = await sendTestData(workspaceId, id, {
      config: destination.config,
      requestIndex: 0,
      body: null,
      inspectorBinId: null,
    });
    expect(result.job).toMatchObject({ state: "FAILED" });
    expect(result.partial).toMatchObject({
      accepted: 2,
      refused: [{ message: expect.stringMatching(/larger than 8192 bytes/) }],
    });
    // The status calls went to the job FullStory named, with the credential.
    expect(
      fullstory.requests.filter((request) => /^\/v2\/users\/batch\/[^/]+$/.test(request.path)).length,
    ).toBeGreaterThan(0);
  });
});

/**
 * What cannot be delivered: records that time out on every attempt go to the dead letter with the
 * reason and can be retried once the API is back; a refused credential stops the destination
 * without losing a record; a HubSpot 207 dead-letters only the inputs it names.
 */
import Papa from "papaparse";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requireDatabaseUrl } from "@/lib/config";
import { db, disconnectDb } from "@/lib/db/client";
import type { DestinationConfig } from "@/lib/destinations/destination-config";
import { completeDestination, getDestination } from "@/lib/destinations/manage-destinations";
import { sendTestData } from "@/lib/destinations/send-test-data";
import { deliverControlRecord } from "@/lib/testing/control-flow";
import { createFlow, createTemplateFlow, type Flow, waitFor } from "@/lib/testing/delivery-fixtures";
import { type FakeHubSpot, startFakeHubSpot } from "@/lib/testing/fake-apis/hubspot";
import { resetDatabase } from "@/lib/testing/reset-database";
import { type Sink, type SinkRequest, startSink } from "@/lib/testing/sink";
import { editDeadLetter, exportDeadLetters, listDeadLetters, retryDeadLetters } from "./dead-letters";
import { activateDestination } from "./lifecycle";
import { readDeliveryOverview } from "./read-delivery";
import { type DeliveryWorker, startDeliveryWorker } from "./worker";

const HUBSPOT_TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";
const PORTAL_ID = 2519445;

let sink: Sink;
let hubspot: FakeHubSpot;
let worker: DeliveryWorker;

beforeAll(async () => {
  sink = await startSink();
  hubspot = await startFakeHubSpot({ accessToken: HUBSPOT_TOKEN, portalId: PORTAL_ID });
  worker = await startDeliveryWorker(requireDatabaseUrl());
});
afterAll(async () => {
  await worker.stop();
  await sink.close();
  await hubspot.close();
  await disconnectDb();
});
beforeEach(async () => {
  await resetDatabase();
  sink.requests.length = 0;
  hubspot.requests.length = 0;
  hubspot.contacts.clear();
  sink.respond = () => ({ status: 200, body: '{"ok":true}' });
});

const recordOf = (request: SinkRequest) => (JSON.parse(request.body) as { n: number }).n;
const ok = () => ({ status: 200, body: '{"ok":true}' });

async function runsSettled(flow: Flow) {
  await waitFor("the runs to finish", async () => {
    const running = await db().run.count({ where: { destinationId: flow.destinationId, status: "running" } });
    return running === 0;
  });
}

describe("an API that never answers", { timeout: 60_000 }, () => {
  it("times out, retries, dead-letters each record with the reason; Retry Failed Records delivers them once the API is back", async () => {
    sink.respond = () => "hang";
    const flow = await createFlow({
      sinkUrl: sink.url,
      records: 3,
      settings: { requestTimeoutSeconds: 1, maxAttempts: 3, retryBaseSeconds: 0.2 },
    });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("3 dead letters", async () => (await db().deadLetter.count()) >= 3, 25_000);
    await runsSettled(flow);

    // Three attempts per record, each with the same Idempotency-Key.
    expect(sink.requests).toHaveLength(9);
    for (const n of [1, 2, 3]) {
      const attempts = sink.requests.filter((request) => recordOf(request) === n);
      expect(attempts).toHaveLength(3);
      expect(new Set(attempts.map((request) => request.idempotencyKey)).size).toBe(1);
    }
    const letters = await db().deadLetter.findMany({ orderBy: { recordId: "asc" } });
    expect(letters.map((letter) => (letter.payload as { n: number }).n)).toEqual([1, 2, 3]);
    for (const letter of letters) {
      expect(letter.reason).toMatch(/No response from 127\.0\.0\.1 within 1 s/);
      expect(letter.reason).toMatch(/after 3 attempts/);
      expect(letter).toMatchObject({ attempts: 3, lastStatus: null });
    }
    const attempts = await db().deliveryAttempt.findMany({ where: { destinationId: flow.destinationId } });
    expect(attempts).toHaveLength(9);
    expect(new Set(attempts.map((attempt) => attempt.errorClass))).toEqual(new Set(["timeout"]));
    expect(attempts.filter((attempt) => attempt.outcome === "failed")).toHaveLength(3);
    const failedRun = await db().run.findFirstOrThrow({ where: { destinationId: flow.destinationId } });
    expect(failedRun).toMatchObject({
      trigger: "activate",
      status: "failed",
      recordsDelivered: 0,
      recordsFailed: 3,
    });
    expect(failedRun.lastError).toMatch(/No response/);
    expect(await db().deliveryBatch.count()).toBe(0);

    // The API is back: Retry Failed Records.
    sink.respond = ok;
    const keysBefore = new Map(sink.requests.map((request) => [recordOf(request), request.idempotencyKey]));
    const retry = await retryDeadLetters(flow.workspaceId, flow.destinationId, "all");
    expect(retry.records).toBe(3);
    await waitFor("the retried records", () => sink.requests.length >= 12);
    await runsSettled(flow);

    const resent = sink.requests.slice(9);
    expect(resent.map(recordOf).sort()).toEqual([1, 2, 3]);
    // Unchanged records are the same requests: the receiver can tell them apart from new ones.
    for (const request of resent) expect(request.idempotencyKey).toBe(keysBefore.get(recordOf(request)));
    const retryRun = await db().run.findUniqueOrThrow({ where: { id: retry.runId } });
    expect(retryRun).toMatchObject({
      trigger: "retry",
      status: "succeeded",
      recordsPlanned: 3,
      recordsDelivered: 3,
      recordsFailed: 0,
    });
    expect(await db().deadLetter.count()).toBe(0);
    expect(await db().deliveryBatch.count()).toBe(0);
  });
});

describe("an edited failed record", () => {
  it("is sent with a key of its own, and keeps that key when it is retried again", async () => {
    sink.respond = () => ({ status: 400, body: '{"message":"n is not valid"}' });
    const flow = await createFlow({ sinkUrl: sink.url, records: 1 });
    await activateDestination(flow.workspaceId, flow.destinationId);
    const letter = async () => {
      await waitFor("a failed record", async () => (await db().deadLetter.count()) === 1);
      await runsSettled(flow);
      return db().deadLetter.findFirstOrThrow();
    };
    const retried = async (sent: number) => {
      await retryDeadLetters(flow.workspaceId, flow.destinationId, "all");
      await waitFor("the retry", () => sink.requests.length > sent);
    };

    await editDeadLetter(flow.workspaceId, flow.destinationId, (await letter()).id.toString(), '{"n": 10}');
    await retried(1);
    await editDeadLetter(flow.workspaceId, flow.destinationId, (await letter()).id.toString(), '{"n": 10}');
    await retried(2);
    await letter();
    await retried(3);

    const [original, edited, editedAgain, retriedAgain] = sink.requests;
    expect(sink.requests.map(recordOf)).toEqual([1, 10, 10, 10]);
    // Another body is another request: an API that honours the key must not answer it from memory.
    expect(edited?.idempotencyKey).not.toBe(original?.idempotencyKey);
    // The same body again is the same request, edited or not.
    expect(editedAgain?.idempotencyKey).toBe(edited?.idempotencyKey);
    expect(retriedAgain?.idempotencyKey).toBe(edited?.idempotencyKey);
    // Four failed runs, three of them retries of the same record: the destination keeps delivering.
    const destination = await db().destination.findUniqueOrThrow({ where: { id: flow.destinationId } });
    expect(destination.status).toBe("active");
  });
});

describe("a refused credential", () => {
  it("sets the destination to failing with the reason and keeps every record queued; Activate resumes after the fix", async () => {
    sink.respond = () => ({ status: 401, body: '{"message":"Invalid token"}' });
    const flow = await createFlow({ sinkUrl: sink.url, records: 5, settings: { concurrency: 2 } });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("the destination to be failing", async () => {
      const destination = await db().destination.findUniqueOrThrow({ where: { id: flow.destinationId } });
      return destination.status === "failing";
    });
    // The requests in flight when the first 401 came back end too; nothing more goes out.
    await deliverControlRecord();
    const refused = sink.requests.length;
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(refused).toBeLessThanOrEqual(2);

    const destination = await db().destination.findUniqueOrThrow({ where: { id: flow.destinationId } });
    expect(destination.failingReason).toMatch(/credential was rejected: check the token or key/);
    expect(destination.failingReason).toMatch(/Invalid token/);
    expect(destination.failingSince).not.toBeNull();
    expect(destination.failingCause).toBe("credentialRejected");
    // No record is lost or dead-lettered: all five wait in their batches.
    expect(await db().deadLetter.count()).toBe(0);
    expect(await db().deliveryBatch.count({ where: { destinationId: flow.destinationId } })).toBe(5);
    const attempts = await db().deliveryAttempt.findMany({ where: { destinationId: flow.destinationId } });
    expect(attempts.map((attempt) => [attempt.outcome, attempt.errorClass, attempt.status])).toEqual(
      Array(refused).fill(["held", "auth", 401]),
    );
    const failedRun = await db().run.findFirstOrThrow({ where: { destinationId: flow.destinationId } });
    // The run says what stopped it and how many records were left waiting: every one of the five.
    expect(failedRun).toMatchObject({
      status: "failed",
      stoppedBy: "credentialRejected",
      recordsWaitingAtStop: 5,
    });
    const overview = await readDeliveryOverview(flow.workspaceId, flow.destinationId);
    expect(overview).toMatchObject({ recordsWaiting: 5, failingCause: "credentialRejected" });
    // The refused requests count as failed requests; their records are neither attempted nor failed.
    expect(failedRun).toMatchObject({
      requestsAttempted: refused,
      requestsFailed: refused,
      recordsAttempted: 0,
      recordsFailed: 0,
    });
    const [hour] = await db().deliveryHourlyStats.findMany({ where: { destinationId: flow.destinationId } });
    expect(hour).toMatchObject({ requests: refused, requestsFailed: refused, recordsFailed: 0 });

    // Fixed (the API accepts the token again): Activate sends everything, once.
    sink.respond = ok;
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("5 delivered", () => sink.requests.length >= refused + 5);
    await runsSettled(flow);
    expect(sink.requests.slice(refused).map(recordOf).sort()).toEqual([1, 2, 3, 4, 5]);
    const resumed = await db().destination.findUniqueOrThrow({ where: { id: flow.destinationId } });
    expect(resumed).toMatchObject({ status: "active", failingReason: null, failingCause: null });
    const run = await db().run.findFirstOrThrow({
      where: { destinationId: flow.destinationId, status: { not: "failed" } },
    });
    expect(run).toMatchObject({ trigger: "activate", status: "succeeded", recordsDelivered: 5 });
    expect(await db().deliveryBatch.count()).toBe(0);
  });
});

describe("an endpoint edited while records are queued", () => {
  it("sends them with the configuration in force once activated, counted by the new run", async () => {
    sink.respond = () => ({ status: 401, body: '{"message":"Invalid token"}' });
    const flow = await createFlow({ sinkUrl: sink.url, records: 3, settings: { concurrency: 1 } });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("the destination to be failing", async () => {
      const destination = await db().destination.findUniqueOrThrow({ where: { id: flow.destinationId } });
      return destination.status === "failing";
    });
    expect(await db().deliveryBatch.count()).toBe(3);

    // The user fixes the URL (a new version), the API accepts the token again, and Activate.
    const first = await db().destinationVersion.findUniqueOrThrow({
      where: { destinationId_version: { destinationId: flow.destinationId, version: 1 } },
    });
    const config = first.config as unknown as DestinationConfig;
    await completeDestination(
      flow.workspaceId,
      flow.destinationId,
      { ...config, endpoint: { ...config.endpoint, url: `${sink.url}/fixed` } },
      "test-user",
    );
    sink.respond = ok;
    const refused = sink.requests.length;
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("3 delivered", () => sink.requests.length >= refused + 3);
    await runsSettled(flow);

    const resent = sink.requests.slice(refused);
    expect(resent.map((request) => request.path)).toEqual(["/fixed", "/fixed", "/fixed"]);
    expect(resent.map(recordOf).sort()).toEqual([1, 2, 3]);
    const run = await db().run.findFirstOrThrow({
      where: { destinationId: flow.destinationId, trigger: "activate", status: { not: "failed" } },
    });
    expect(run).toMatchObject({ version: 2, status: "succeeded", recordsPlanned: 3, recordsDelivered: 3 });
    expect(await db().deliveryBatch.count()).toBe(0);
  });
});

describe("HubSpot's 207 partial success", () => {
  it("Send Test Data shows a 207 as partly accepted, with each refused record and its reason", async () => {
    const identify = (user: Record<string, unknown>) => ({ event_type: "user_identify", user });
    const { workspaceId, destinationId: id } = await createTemplateFlow({
      connectorId: "hubspot",
      templateId: "identify-contacts",
      values: { accessToken: HUBSPOT_TOKEN, hubId: String(PORTAL_ID) },
      baseUrl: hubspot.url,
      records: [
        identify({ email: "ada@example.com", firstname: "Ada" }),
        identify({ email: "not-an-email", firstname: "Bob" }),
      ],
    });
    const detail = await getDestination(workspaceId, id);
    if (!detail) throw new Error("no destination");
    const result = await sendTestData(workspaceId, id, {
      config: detail.config,
      requestIndex: 0,
      body: null,
      inspectorBinId: null,
    });
    expect(result).toMatchObject({ ok: true, status: 207 });
    expect(result.partial?.accepted).toBe(1);
    expect(result.partial?.refused).toEqual([
      { record: "#2", message: expect.stringMatching(/VALIDATION_ERROR/) },
    ]);
  });

  it("dead-letters only the contacts the answer names; the others count as delivered", async () => {
    const identify = (user: Record<string, unknown>) => ({ event_type: "user_identify", user });
    const { workspaceId, destinationId: id } = await createTemplateFlow({
      connectorId: "hubspot",
      templateId: "identify-contacts",
      values: { accessToken: HUBSPOT_TOKEN, hubId: String(PORTAL_ID) },
      baseUrl: hubspot.url,
      records: [
        identify({ email: "ada@example.com", firstname: "Ada" }),
        identify({ email: "not-an-email", firstname: "Bob" }),
        identify({ email: "cy@example.com", firstname: "Cy" }),
        identify({ email: "dee@example.com", favourite_colour: "green" }),
        identify({ email: "eve@example.com", lastname: "Smith" }),
      ],
    });

    await activateDestination(workspaceId, id);
    await waitFor("the run to finish", async () => {
      const run = await db().run.findFirst({ where: { destinationId: id } });
      return run !== null && run.status !== "running";
    });

    // One batch upsert of all five, answered 207.
    const upserts = hubspot.requests.filter(
      (request) => request.path === "/crm/v3/objects/contacts/batch/upsert",
    );
    expect(upserts).toHaveLength(1);
    expect(upserts[0]?.status).toBe(207);
    // dee's favourite_colour is not a property of the portal: left out, so dee gets through.
    expect(JSON.parse(upserts[0]?.body ?? "").inputs[3].properties).toEqual({ email: "dee@example.com" });
    expect([...hubspot.contacts.values()].map((contact) => contact.email).sort()).toEqual([
      "ada@example.com",
      "cy@example.com",
      "dee@example.com",
      "eve@example.com",
    ]);
    const letters = await db().deadLetter.findMany({
      where: { destinationId: id },
      orderBy: { recordId: "asc" },
    });
    expect(letters.map((letter) => (letter.payload as { user: { email: string } }).user.email)).toEqual([
      "not-an-email",
    ]);
    for (const letter of letters) {
      expect(letter.reason).toMatch(/VALIDATION_ERROR/);
      expect(letter.lastStatus).toBe(207);
    }
    const run = await db().run.findFirstOrThrow({ where: { destinationId: id } });
    expect(run).toMatchObject({
      status: "partially_failed",
      recordsDelivered: 4,
      recordsFailed: 1,
      requestsDelivered: 1,
    });
    const attempt = await db().deliveryAttempt.findFirstOrThrow({ where: { destinationId: id } });
    expect(attempt).toMatchObject({ outcome: "partial", status: 207 });
  });
});

describe("Failed Records at scale", { timeout: 60_000 }, () => {
  it("groups failed records by reason, filters by reason and text, retries one reason, and exports", async () => {
    // Odd records refused as invalid (each message naming its record), even ones as duplicates.
    sink.respond = (request) => {
      const n = recordOf(request);
      return n % 2 === 1
        ? { status: 422, body: JSON.stringify({ message: `invalid record ${n}` }) }
        : { status: 409, body: JSON.stringify({ message: "duplicate" }) };
    };
    const flow = await createFlow({ sinkUrl: sink.url, records: 6, settings: { maxAttempts: 1 } });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("6 dead letters", async () => (await db().deadLetter.count()) >= 6);
    await runsSettled(flow);

    const listed = await listDeadLetters(flow.workspaceId, flow.destinationId);
    expect(listed.reasons).toHaveLength(2);
    expect(listed.reasons.map((kind) => kind.count)).toEqual([3, 3]);
    const invalid = listed.reasons.find((kind) => kind.reason.includes("invalid record N"));
    if (!invalid) throw new Error("no group for the invalid records");

    const byReason = await listDeadLetters(flow.workspaceId, flow.destinationId, 1, {
      reason: invalid.reason,
    });
    expect(byReason.total).toBe(3);
    expect(byReason.letters.map((letter) => JSON.parse(letter.payloadText).n).sort()).toEqual([1, 3, 5]);
    // Text in the record itself, or in the reason.
    const byText = await listDeadLetters(flow.workspaceId, flow.destinationId, 1, { text: '"n":4' });
    expect(byText.letters.map((letter) => JSON.parse(letter.payloadText).n)).toEqual([4]);
    const byRecordText = await listDeadLetters(flow.workspaceId, flow.destinationId, 1, { text: "record 3" });
    expect(byRecordText.letters.map((letter) => JSON.parse(letter.payloadText).n)).toEqual([3]);

    // Export the duplicates, as NDJSON and CSV.
    const duplicates = listed.reasons.find((kind) => kind !== invalid)?.reason ?? "";
    let ndjson = "";
    for await (const chunk of exportDeadLetters(flow.workspaceId, flow.destinationId, "ndjson", {
      reason: duplicates,
    }))
      ndjson += chunk;
    const exported = ndjson
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(exported.map((row) => row.payload.n)).toEqual([2, 4, 6]);
    expect(exported[0]).toMatchObject({ record: "#2", lastStatus: 409, attempts: 1 });
    let csv = "";
    for await (const chunk of exportDeadLetters(flow.workspaceId, flow.destinationId, "csv")) csv += chunk;
    const table = Papa.parse<string[]>(csv.trim(), { skipEmptyLines: true }).data;
    expect(table[0]).toEqual(["record", "reason", "lastStatus", "attempts", "failedAt", "edited", "payload"]);
    expect(table).toHaveLength(7);
    expect(
      table
        .slice(1)
        .map((row) => JSON.parse(row[6] ?? "").n)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5, 6]);

    // Retry only the invalid ones, now accepted.
    sink.respond = ok;
    const retried = await retryDeadLetters(flow.workspaceId, flow.destinationId, {
      filter: { reason: invalid.reason },
    });
    expect(retried.records).toBe(3);
    await runsSettled(flow);
    const left = await listDeadLetters(flow.workspaceId, flow.destinationId);
    expect(left.total).toBe(3);
    expect(left.reasons.map((kind) => kind.reason)).toEqual([duplicates]);
  });
});

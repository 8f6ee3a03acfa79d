/**
 * Batches keep record ids, version and Idempotency-Key; each request is built from its records
 * when it is sent. The builder is pure, so the bytes of a retry (and of a resend after a crash,
 * which takes the same path: the batch row is claimed and built again) equal the first send's,
 * and both are what the preview showed for that version. Checked for every content format and a
 * HubSpot batch whose records are routed to two endpoints.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requireDatabaseUrl } from "@/lib/config";
import { SAMPLE_MAPPINGS } from "@/lib/connectors/templates/sample-mappings";
import { sampleRecords } from "@/lib/datasets/sample-records";
import { db, disconnectDb } from "@/lib/db/client";
import { completeDestination, getDestination } from "@/lib/destinations/manage-destinations";
import { previewRequests } from "@/lib/destinations/preview-requests";
import { getRequest, listRequests } from "@/lib/monitoring/request-log";
import type { ContentFormat, EndpointConfig } from "@/lib/payload/types";
import { createFlow, createTemplateFlow, type Flow, waitFor } from "@/lib/testing/delivery-fixtures";
import { type FakeHubSpot, startFakeHubSpot } from "@/lib/testing/fake-apis/hubspot";
import { resetDatabase } from "@/lib/testing/reset-database";
import { type Sink, startSink } from "@/lib/testing/sink";
import { activateDestination } from "./lifecycle";
import { type DeliveryWorker, startDeliveryWorker } from "./worker";

const PORTAL = 2519445;
const HUBSPOT_TOKEN = "pat-na1-0123456789";
const RECORDS = sampleRecords(6);

let sink: Sink;
let hubspot: FakeHubSpot;
let worker: DeliveryWorker;

beforeAll(async () => {
  sink = await startSink();
  hubspot = await startFakeHubSpot({
    accessToken: HUBSPOT_TOKEN,
    portalId: PORTAL,
    eventNames: [...new Set(RECORDS.map((record) => String(record.event_type)))],
  });
  worker = await startDeliveryWorker(requireDatabaseUrl());
});
afterAll(async () => {
  await worker.stop();
  await Promise.all([sink.close(), hubspot.close()]);
  await disconnectDb();
});
beforeEach(async () => {
  await resetDatabase();
  sink.requests.length = 0;
  hubspot.requests.length = 0;
});

/** Each content format as a user would configure it; form bodies hold one record each. */
const FORMATS: Record<ContentFormat, Partial<EndpointConfig>> = {
  json: { batching: { enabled: true, size: 3, grouping: "fixed", envelopeKey: "records" } },
  ndjson: { batching: { enabled: true, size: 3, grouping: "fixed", envelopeKey: null } },
  csv: { batching: { enabled: true, size: 3, grouping: "fixed", envelopeKey: null } },
  xml: { batching: { enabled: true, size: 3, grouping: "fixed", envelopeKey: null } },
  form: { batching: { enabled: false, size: 1, grouping: "fixed", envelopeKey: null } },
  text: {
    bodyTemplate: "record {{n}} for {{email}}",
    batching: { enabled: true, size: 3, grouping: "fixed", envelopeKey: null },
  },
};

async function waitForRun(flow: Flow) {
  await waitFor(
    "the run to finish",
    async () => {
      const run = await db().run.findFirst({
        where: { destinationId: flow.destinationId, trigger: "activate" },
      });
      return run !== null && run.status !== "running";
    },
    30_000,
  );
  return db().run.findFirstOrThrow({ where: { destinationId: flow.destinationId, trigger: "activate" } });
}

/** Bodies sent under each Idempotency-Key, in the order they arrived. */
function bodiesByKey(requests: { headers: Record<string, unknown>; body: string }[]) {
  const byKey = new Map<string, string[]>();
  for (const request of requests) {
    const key = String(request.headers["idempotency-key"]);
    byKey.set(key, [...(byKey.get(key) ?? []), request.body]);
  }
  return byKey;
}

describe("a request built at send time", { timeout: 90_000 }, () => {
  for (const [format, change] of Object.entries(FORMATS) as [ContentFormat, Partial<EndpointConfig>][]) {
    it(`repeats the first send's bytes on retry, as previewed: ${format}`, async () => {
      // Every request fails once, so each batch is built twice.
      const seen = new Set<string>();
      sink.respond = (request) => {
        const key = String(request.idempotencyKey);
        if (seen.has(key)) return { status: 200, body: '{"ok":true}' };
        seen.add(key);
        return { status: 503, body: '{"message":"try again"}' };
      };
      const flow = await createFlow({ sinkUrl: sink.url, records: 7, name: `Format ${format}` });
      const detail = await getDestination(flow.workspaceId, flow.destinationId);
      if (!detail) throw new Error("no destination");
      const config = {
        ...detail.config,
        endpoint: { ...detail.config.endpoint, contentFormat: format, ...change },
      };
      await completeDestination(flow.workspaceId, flow.destinationId, config, "test-user");
      const preview = await previewRequests(flow.workspaceId, flow.destinationId, config, 10);
      expect(preview.fieldErrors).toEqual({});

      await activateDestination(flow.workspaceId, flow.destinationId);
      const run = await waitForRun(flow);
      expect(run).toMatchObject({ status: "succeeded", recordsDelivered: 7, recordsFailed: 0 });

      const byKey = bodiesByKey(sink.requests);
      expect(byKey.size).toBe(preview.requests.length);
      for (const [key, bodies] of byKey) {
        expect(bodies, `the attempts under ${key}`).toHaveLength(2);
        expect(bodies[1], `the retry under ${key}`).toBe(bodies[0]);
      }
      // Byte for byte the previewed requests (bodies and keys), whatever order the lanes sent them in.
      expect([...byKey.keys()].sort()).toEqual(
        preview.requests.map((r) => r.headers["idempotency-key"]).sort(),
      );
      expect([...byKey.values()].map((bodies) => bodies[0]).sort()).toEqual(
        preview.requests.map((r) => r.body ?? "").sort(),
      );

      // The Request Log shows the delivered attempt's body built again, equal to what was sent.
      const page = await listRequests(flow.workspaceId, flow.destinationId);
      const delivered = page?.entries.find((entry) => entry.outcome === "delivered");
      const failed = page?.entries.find((entry) => entry.outcome === "retry");
      const shown = await getRequest(flow.workspaceId, flow.destinationId, delivered?.id ?? "");
      const kept = await getRequest(flow.workspaceId, flow.destinationId, failed?.id ?? "");
      expect(shown?.requestBodyNote).toBeNull();
      expect([...byKey.values()].map((bodies) => bodies[0])).toContain(shown?.requestBody);
      expect([...byKey.values()].map((bodies) => bodies[0])).toContain(kept?.requestBody);
      const stored = await db().deliveryAttempt.findFirstOrThrow({
        where: { id: BigInt(delivered?.id ?? "0") },
      });
      expect(stored.requestBody).toBeNull();
    });
  }

  it("repeats the first send's bytes for a HubSpot batch routed to contacts and events", async () => {
    const records = [{ ...RECORDS[0], event_type: "user_identify" }, ...RECORDS.slice(1)];
    const sample = SAMPLE_MAPPINGS.hubspot?.["event-stream"];
    const flow = await createTemplateFlow({
      connectorId: "hubspot",
      templateId: "event-stream",
      baseUrl: hubspot.url,
      values: { accessToken: HUBSPOT_TOKEN, hubId: String(PORTAL) },
      records,
      settings: sample?.settings,
      mapping: sample?.mapping,
    });
    const detail = await getDestination(flow.workspaceId, flow.destinationId);
    if (!detail) throw new Error("no destination");
    const preview = await previewRequests(flow.workspaceId, flow.destinationId, detail.config, 10);
    // The first request to each endpoint fails; the retry is built again from the records.
    hubspot.failNext(1, {
      status: 503,
      body: { message: "busy" },
      match: { path: /contacts\/batch\/upsert$/ },
    });
    hubspot.failNext(1, {
      status: 503,
      body: { message: "busy" },
      match: { path: /events\/v3\/send\/batch$/ },
    });

    await activateDestination(flow.workspaceId, flow.destinationId);
    const run = await waitForRun(flow);
    expect(run).toMatchObject({ status: "succeeded", recordsDelivered: records.length, recordsFailed: 0 });

    const sent = hubspot.requests.filter((request) => request.method === "POST");
    const byKey = bodiesByKey(sent);
    expect(new Set(sent.map((request) => request.path))).toEqual(
      new Set(["/crm/v3/objects/contacts/batch/upsert", "/events/v3/send/batch"]),
    );
    expect(byKey.size).toBe(2);
    for (const [key, bodies] of byKey) {
      expect(bodies, `the attempts under ${key}`).toHaveLength(2);
      expect(bodies[1], `the retry under ${key}`).toBe(bodies[0]);
    }
    expect([...byKey.values()].map((bodies) => bodies[0]).sort()).toEqual(
      preview.requests.map((r) => r.body ?? "").sort(),
    );
  });

  it("fails records deleted while their batch waited, and sends the rest", async () => {
    let held = true;
    sink.respond = () => (held ? { status: 503, body: "{}" } : { status: 200, body: '{"ok":true}' });
    const flow = await createFlow({
      sinkUrl: sink.url,
      records: 4,
      batchSize: 4,
      settings: { maxAttempts: 10, retryBaseSeconds: 0.5 },
    });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("the first attempt", () => sink.requests.length >= 1);
    const [first] = await db().datasetRecord.findMany({
      where: { datasetId: flow.datasetId },
      orderBy: { id: "asc" },
    });
    await db().datasetRecord.delete({ where: { id: first?.id } });
    held = false;
    const run = await waitForRun(flow);

    expect(run).toMatchObject({ recordsDelivered: 3, recordsFailed: 1 });
    const delivered = sink.requests.at(-1);
    expect(
      (JSON.parse(delivered?.body ?? "{}") as { records: { n: number }[] }).records.map((r) => r.n),
    ).toEqual([2, 3, 4]);
    const letters = await db().deadLetter.findMany({ where: { destinationId: flow.destinationId } });
    expect(letters.map((letter) => [letter.recordId, letter.reason])).toEqual([
      [first?.id, "Not sent: the record is no longer in the dataset."],
    ]);
  });
});

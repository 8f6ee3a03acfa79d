/**
 * Every endpoint template delivered end to end: the one-click sample dataset, mapped as a user maps
 * it in the editor, activated and sent by the delivery worker to the project's fake of the API,
 * which checks the fields and types the real API requires.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { requireDatabaseUrl } from "@/lib/config";
import { SAMPLE_MAPPINGS } from "@/lib/connectors/templates/sample-mappings";
import { sampleRecords } from "@/lib/datasets/sample-records";
import { db, disconnectDb } from "@/lib/db/client";
import type { Mapping } from "@/lib/mapping/types";
import { createTemplateFlow, waitFor } from "@/lib/testing/delivery-fixtures";
import { type FakeFullStory, startFakeFullStory } from "@/lib/testing/fake-apis/fullstory";
import { type FakeHightouch, startFakeHightouch } from "@/lib/testing/fake-apis/hightouch";
import { type FakeHotjar, startFakeHotjar } from "@/lib/testing/fake-apis/hotjar";
import { type FakeHubSpot, startFakeHubSpot } from "@/lib/testing/fake-apis/hubspot";
import { resetDatabase } from "@/lib/testing/reset-database";
import { activateDestination } from "./lifecycle";
import { type DeliveryWorker, startDeliveryWorker } from "./worker";

const RECORDS = sampleRecords(6);
const EVENT_TYPES = [...new Set(RECORDS.map((record) => String(record.event_type)))];
const PORTAL = 2519445;
const KEYS = {
  hotjar: "hj-secret-0123456789",
  hightouch: "ht-key-0123456789",
  fullstory: "na1.fs-0123456789",
  hubspot: "pat-na1-0123456789",
};

let hotjar: FakeHotjar;
let hightouch: FakeHightouch;
let fullstory: FakeFullStory;
let hubspot: FakeHubSpot;
let worker: DeliveryWorker;

beforeAll(async () => {
  [hotjar, hightouch, fullstory, hubspot] = await Promise.all([
    startFakeHotjar({
      clientId: "hj-client",
      clientSecret: KEYS.hotjar,
      scaleplan: true,
      organizations: [1234567],
    }),
    startFakeHightouch({ apiKey: KEYS.hightouch, syncs: [{ id: 12345, slug: "users" }] }),
    startFakeFullStory({ apiKey: KEYS.fullstory, batchJobs: { polls: 1 } }),
    startFakeHubSpot({ accessToken: KEYS.hubspot, portalId: PORTAL, eventNames: EVENT_TYPES }),
  ]);
  worker = await startDeliveryWorker(requireDatabaseUrl());
});
afterAll(async () => {
  await worker.stop();
  await Promise.all([hotjar.close(), hightouch.close(), fullstory.close(), hubspot.close()]);
  await disconnectDb();
});
beforeEach(async () => {
  await resetDatabase();
  for (const fake of [hotjar, hightouch, fullstory, hubspot]) fake.requests.length = 0;
});

const CREDENTIALS = {
  hotjar: () => ({ baseUrl: hotjar.url, values: { clientId: "hj-client", clientSecret: KEYS.hotjar } }),
  hightouch: () => ({ baseUrl: `${hightouch.url}/api/v1`, values: { apiKey: KEYS.hightouch } }),
  fullstory: () => ({ baseUrl: fullstory.url, values: { apiKey: KEYS.fullstory } }),
  hubspot: () => ({ baseUrl: hubspot.url, values: { accessToken: KEYS.hubspot, hubId: String(PORTAL) } }),
};

/** Activates the template's flow for the sample records and waits for the run's outcome. */
async function deliver(
  connectorId: keyof typeof CREDENTIALS,
  templateId: string,
  change: { settings?: Record<string, unknown>; mapping?: Mapping; records?: Record<string, unknown>[] } = {},
) {
  const sample = SAMPLE_MAPPINGS[connectorId]?.[templateId];
  if (!sample) throw new Error(`no sample mapping for ${connectorId}/${templateId}`);
  const { workspaceId, destinationId } = await createTemplateFlow({
    connectorId,
    templateId,
    ...CREDENTIALS[connectorId](),
    records: change.records ?? RECORDS,
    settings: { ...sample.settings, ...change.settings },
    mapping: change.mapping ?? sample.mapping,
  });
  await activateDestination(workspaceId, destinationId);
  await waitFor(
    `the ${templateId} run to finish`,
    async () => {
      const run = await db().run.findFirst({ where: { destinationId, trigger: "activate" } });
      return run !== null && run.status !== "running";
    },
    30_000,
  );
  const run = await db().run.findFirstOrThrow({ where: { destinationId, trigger: "activate" } });
  const letters = await db().deadLetter.findMany({ where: { destinationId }, select: { reason: true } });
  return { run, letters };
}

function expectAllDelivered(result: Awaited<ReturnType<typeof deliver>>, records = RECORDS.length) {
  expect(result.letters).toEqual([]);
  expect(result.run).toMatchObject({ status: "succeeded", recordsDelivered: records, recordsFailed: 0 });
}

const bodies = (
  fake: { requests: { method: string; path: string; body: string }[] },
  method: string,
  path: RegExp,
) =>
  fake.requests
    .filter((r) => r.method === method && path.test(r.path))
    .map((r) => JSON.parse(r.body || "null"));

describe("Hotjar", () => {
  it("User Lookup", async () => {
    expectAllDelivered(await deliver("hotjar", "user-lookup"));
    // Four requests at once: they arrive in any order.
    expect(hotjar.lookups.map((lookup) => String(lookup.body.data_subject_email)).sort()).toEqual(
      RECORDS.map((r) => String(r.email)).sort(),
    );
    expect(hotjar.lookups.every((lookup) => lookup.body.delete_all_hits === false)).toBe(true);
  });
});

describe("Hightouch", () => {
  it("Create Source, then Create Model on it", async () => {
    expectAllDelivered(await deliver("hightouch", "create-source"));
    expect(hightouch.sources).toHaveLength(RECORDS.length);
    const sourceId = String(hightouch.sources[0]?.id);
    const model = SAMPLE_MAPPINGS.hightouch?.["create-model"]?.mapping as Mapping;
    const mapping: Mapping = {
      ...model,
      rows: model.rows.map((row) =>
        row.target === "sourceId" ? { ...row, source: { kind: "constant", value: sourceId } } : row,
      ),
    };
    expectAllDelivered(await deliver("hightouch", "create-model", { mapping }));
    expect(hightouch.models.map((m) => m.sourceId)).toEqual(RECORDS.map(() => Number(sourceId)));
  });

  it("Trigger Sync", async () => {
    expectAllDelivered(await deliver("hightouch", "trigger-sync"));
    const resyncs = bodies(hightouch, "POST", /\/syncs\/12345\/trigger$/).map((b) => b.fullResync);
    expect(resyncs.sort()).toEqual(RECORDS.map((r) => r.marketing_opt_in).sort());
  });
});

describe("FullStory", () => {
  it("Create or Update User, then Delete User", async () => {
    expectAllDelivered(await deliver("fullstory", "create-or-update-user"));
    const uids = [...new Set(RECORDS.map((r) => String(r.uid)))];
    expect([...fullstory.users.values()].map((u) => u.uid).sort()).toEqual(uids.sort());
    expectAllDelivered(await deliver("fullstory", "delete-user"));
    expect(fullstory.users.size).toBe(0);
  });

  it("Batch Create Users", async () => {
    fullstory.users.clear();
    expectAllDelivered(await deliver("fullstory", "batch-create-users"));
    expect(bodies(fullstory, "POST", /^\/v2\/users\/batch$/)).toHaveLength(1);
    expect(fullstory.users.size).toBe(RECORDS.length);
  });

  it("Create Event and Create Batch Events Import Job", async () => {
    expectAllDelivered(await deliver("fullstory", "create-event"));
    const events = bodies(fullstory, "POST", /^\/v2\/events$/);
    expect(events.map((event) => event.name).sort()).toEqual(RECORDS.map((r) => String(r.event_type)).sort());
    expect(events.every((event) => event.user.uid && !("email" in event.user))).toBe(true);
    expectAllDelivered(await deliver("fullstory", "create-batch-events-import-job"));
    expect(bodies(fullstory, "POST", /^\/v2\/events\/batch$/)[0].requests).toHaveLength(RECORDS.length);
  });

  it("Create, Update and Delete Webhook Endpoint", async () => {
    const one = RECORDS.slice(0, 1);
    expectAllDelivered(await deliver("fullstory", "create-webhook-endpoint", { records: one }), 1);
    const created = fullstory.requests.find(
      (r) => r.method === "POST" && r.path === "/webhooks/v1/endpoints",
    );
    expect(created?.status).toBe(200);
    // The fake names an endpoint by its URL, as its answer to the create says.
    const hookId = Buffer.from(String(JSON.parse(created?.body ?? "{}").url)).toString("base64url");
    expectAllDelivered(
      await deliver("fullstory", "update-webhook-endpoint", { records: one, settings: { id: hookId } }),
      1,
    );
    expect(bodies(fullstory, "PUT", /^\/webhooks\/v1\/endpoints\/.+$/)).toEqual([{ enabled: false }]);
    expectAllDelivered(
      await deliver("fullstory", "delete-webhook-endpoint", { records: one, settings: { id: hookId } }),
      1,
    );
    expect(fullstory.requests.filter((r) => r.method === "DELETE").map((r) => r.status)).toEqual([200]);
  });
});

describe("HubSpot", () => {
  it("Identify Contacts: unknown properties never reach the portal", async () => {
    expectAllDelivered(await deliver("hubspot", "identify-contacts"));
    const [upsert] = bodies(hubspot, "POST", /^\/crm\/v3\/objects\/contacts\/batch\/upsert$/);
    expect(upsert.inputs).toHaveLength(RECORDS.length);
    for (const input of upsert.inputs)
      expect(Object.keys(input.properties).sort()).toEqual(["firstname", "lastname"]);
    expect(hubspot.requests.filter((r) => r.status === 400 || r.status === 207)).toEqual([]);
  });

  it("Identify Contacts with Create missing properties: created first, then sent", async () => {
    // A portal of its own: the properties created here must not exist for the other tests.
    const portal = await startFakeHubSpot({ accessToken: KEYS.hubspot, portalId: PORTAL });
    onTestFinished(() => portal.close());
    const flow = await createTemplateFlow({
      connectorId: "hubspot",
      templateId: "identify-contacts",
      baseUrl: portal.url,
      values: { accessToken: KEYS.hubspot, hubId: String(PORTAL), createMissingProperties: "on" },
      records: RECORDS.slice(0, 3),
      mapping: SAMPLE_MAPPINGS.hubspot?.["identify-contacts"]?.mapping,
    });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("the run to finish", async () => {
      const run = await db().run.findFirst({ where: { destinationId: flow.destinationId } });
      return run !== null && run.status !== "running";
    });
    const run = await db().run.findFirstOrThrow({ where: { destinationId: flow.destinationId } });
    expect(run).toMatchObject({ status: "succeeded", recordsDelivered: 3 });
    const paths = portal.requests.filter((r) => r.method === "POST").map((r) => r.path);
    const created = bodies(portal, "POST", /^\/crm\/v3\/properties\/contacts$/);
    expect(created.map((property) => property.name).sort()).toEqual(["country", "plan", "signed_up_at"]);
    expect(created[0]).toMatchObject({ type: "string", fieldType: "text", groupName: "contactinformation" });
    // Every creation before the upsert that needs it, which then carries the properties.
    expect(paths.at(-1)).toBe("/crm/v3/objects/contacts/batch/upsert");
    const [upsert] = bodies(portal, "POST", /^\/crm\/v3\/objects\/contacts\/batch\/upsert$/);
    expect(Object.keys(upsert.inputs[0].properties).sort()).toEqual([
      "country",
      "firstname",
      "lastname",
      "plan",
      "signed_up_at",
    ]);
    const contact = [...portal.contacts.values()].find((c) => c.email === RECORDS[0]?.email);
    const first = RECORDS[0] as { user: { plan: string } };
    expect(contact?.properties.plan).toBe(first.user.plan);
  });

  it("Identify Contacts: a property refused all the same is explained on each record", async () => {
    // The cached property list says the portal has `plan`; the portal (the fake) does not.
    const flow = await createTemplateFlow({
      connectorId: "hubspot",
      templateId: "identify-contacts",
      ...CREDENTIALS.hubspot(),
      records: RECORDS.slice(0, 2),
      mapping: {
        rows: [
          { target: "email", source: { kind: "field", path: "email" }, transforms: [] },
          { target: "properties.plan", source: { kind: "field", path: "user.plan" }, transforms: [] },
        ],
        rest: null,
      },
    });
    await db().credential.update({
      where: { id: flow.credentialId },
      data: {
        accountFacts: { contactProperties: { names: ["email", "plan"], portal: String(PORTAL) } },
        accountFactsAt: new Date(),
      },
    });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("the run to finish", async () => {
      const run = await db().run.findFirst({ where: { destinationId: flow.destinationId } });
      return run !== null && run.status !== "running";
    });
    const letters = await db().deadLetter.findMany({ where: { destinationId: flow.destinationId } });
    expect(letters).toHaveLength(2);
    for (const letter of letters) {
      expect(letter.reason).toContain('Property "plan" does not exist');
      expect(letter.reason).toContain("The portal has no such contact property");
    }
  });

  it("Custom Behavioral Events, each with a uuid", async () => {
    expectAllDelivered(await deliver("hubspot", "custom-behavioral-events"));
    const sent = bodies(hubspot, "POST", /^\/events\/v3\/send$/);
    expect(sent.map((event) => event.eventName).sort()).toEqual(
      RECORDS.map((r) => `pe${PORTAL}_${r.event_type}`).sort(),
    );
    expect(new Set(sent.map((event) => event.uuid)).size).toBe(RECORDS.length);
  });

  it("Event Stream", async () => {
    const identify = { ...RECORDS[0], event_type: "user_identify" };
    const records = [identify, ...RECORDS.slice(1)];
    expectAllDelivered(await deliver("hubspot", "event-stream", { records }));
    expect(bodies(hubspot, "POST", /^\/crm\/v3\/objects\/contacts\/batch\/upsert$/)[0].inputs).toHaveLength(
      1,
    );
    // Record Batching is on (the contacts' default), so the events go in the batch form too.
    expect(bodies(hubspot, "POST", /^\/events\/v3\/send\/batch$/)[0].inputs).toHaveLength(records.length - 1);
  });
});

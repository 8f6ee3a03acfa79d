import { describe, expect, it } from "vitest";
import { buildRequests } from "@/lib/payload/build-requests";
import { sourceRecords, templateConfig } from "@/lib/payload/test-config";
import { templateForConfig } from "./find-template";
import { build, JSON_HEADERS } from "./golden";
import { normalizeName } from "./hubspot-mapping";

const BASE = "https://api.hubapi.com";
const UPSERT = "https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert";
const SEND = "https://api.hubapi.com/events/v3/send";
const BATCH = { enabled: true, size: 100, grouping: "fixed" as const };

const identify = {
  event_type: "user_identify",
  user: { email: "customer@company.com", firstname: "John", "Favourite Color!": "blue", empty: "" },
};
const legacyIdentify = {
  event_type: "user_identify",
  eventn_ctx: { user: { email: "old@company.com", "Last-Name": "Doe", age: 40 } },
};
const purchase = {
  event_type: "Completed Purchase",
  user: { email: "customer@company.com" },
  conversion: { revenue: 2000.0, currency: "USD" },
  utc_time: "2024-03-01T12:00:00Z",
};
const pageView = { event_type: "page_view", user: { email: "customer@company.com" }, revenue: "12.5" };

describe("HubSpot names", () => {
  it.each([
    ["Favourite Color!", "favourite_color_"],
    ["Last-Name", "last_name"],
    ["already_ok", "already_ok"],
    ["a  --  b", "a_b"],
    ["ÜberPlan", "_berplan"],
  ])("%j → %j", async (name, normalized) => {
    expect(normalizeName(name)).toBe(normalized);
  });
});

describe("HubSpot Identify Contacts", () => {
  it("upserts contacts by email in one batch under inputs, only user_identify events when so filtered", async () => {
    const settings = { include_event_types: "user_identify" };
    const result = await build(
      "hubspot",
      "identify-contacts",
      BASE,
      settings,
      [identify, purchase, legacyIdentify],
      {
        batching: BATCH,
      },
    );
    expect(result.requests).toEqual([
      {
        method: "POST",
        url: UPSERT,
        headers: JSON_HEADERS,
        body:
          '{"inputs":[{"idProperty":"email","id":"customer@company.com","properties":{"email":"customer@company.com","firstname":"John","favourite_color_":"blue"}},' +
          '{"idProperty":"email","id":"old@company.com","properties":{"email":"old@company.com","last_name":"Doe","age":"40"}}]}',
        recordIds: ["r1", "r3"],
      },
    ]);
    expect(result.skipped).toEqual([
      {
        recordId: "r2",
        reason: 'event_type "Completed Purchase" is not among the event types to include (user_identify).',
      },
    ]);
    expect(result.problems).toEqual([]);
  });

  it("keeps the envelope with batching off, and drops the properties the portal lacks", async () => {
    const result = await build("hubspot", "identify-contacts", BASE, {}, [identify], {
      batching: { ...BATCH, enabled: false },
    });
    expect(result.requests[0]?.body).toMatch(/^\{"inputs":\[\{"idProperty":"email"/);
    const config = templateConfig("hubspot", "identify-contacts", {}, {});
    const built = await buildRequests(config, sourceRecords(identify), {
      baseUrl: BASE,
      template: templateForConfig(config),
      facts: { contactProperties: { names: ["email", "firstname"], portal: "2519445" } },
    });
    expect(JSON.parse(built.requests[0]?.body ?? "").inputs[0].properties).toEqual({
      email: "customer@company.com",
      firstname: "John",
    });
    expect(built.dropped).toEqual([
      {
        recordId: "r1",
        field: "properties.favourite_color_",
        message: "favourite_color_ is not a contact property in portal 2519445.",
        action: "left out",
      },
    ]);
  });

  it("fails pre-flight without /user/email", async () => {
    const result = await build(
      "hubspot",
      "identify-contacts",
      BASE,
      {},
      [{ event_type: "user_identify", user: { firstname: "No" } }],
      { batching: BATCH },
    );
    expect(result.problems).toEqual([
      {
        recordId: "r1",
        message: "email is required, but the expression gives nothing for this record.",
      },
    ]);
  });
});

describe("HubSpot Custom Behavioral Events", () => {
  it("sends each other event as pe{hub_id}_{event_type}, revenue as text and a stable uuid", async () => {
    const result = await build("hubspot", "custom-behavioral-events", BASE, { hub_id: "20546336" }, [
      purchase,
      identify,
      pageView,
    ]);
    expect(result.requests).toEqual([
      {
        method: "POST",
        url: SEND,
        headers: JSON_HEADERS,
        body: '{"eventName":"pe20546336_completed_purchase","email":"customer@company.com","occurredAt":"2024-03-01T12:00:00Z","uuid":"29a6d6aa-45c7-d574-7f5e-db9240bcc51f","properties":{"revenue":"2000"}}',
        recordIds: ["r1"],
      },
      {
        method: "POST",
        url: SEND,
        headers: JSON_HEADERS,
        body: '{"eventName":"pe20546336_page_view","email":"customer@company.com","uuid":"fe74b804-2468-934a-8849-f4fe1664d753","properties":{"revenue":"12.5"}}',
        recordIds: ["r3"],
      },
    ]);
    expect(result.skipped.map((s) => s.recordId)).toEqual(["r2"]);
  });

  it("fails pre-flight without an email, and needs the Hub ID", async () => {
    const result = await build("hubspot", "custom-behavioral-events", BASE, { hub_id: "1" }, [
      { event_type: "x", user: {} },
    ]);
    expect(result.problems[0]?.message).toBe(
      "HubSpot needs the contact of the event: map email (or objectId or utk).",
    );
    const noHub = await build("hubspot", "custom-behavioral-events", BASE, {}, [purchase]);
    expect(noHub.problems[0]?.message).toBe("The endpoint settings need fixing first: Enter the Hub ID.");
  });
});

describe("HubSpot Event Stream", () => {
  it("routes identify events to the contacts batch and the rest to events, in record order", async () => {
    const result = await build(
      "hubspot",
      "event-stream",
      BASE,
      { hub_id: "20546336" },
      [purchase, identify, pageView, legacyIdentify],
      {
        batching: BATCH,
      },
    );
    expect(result.requests.map((r) => [r.method, r.url, r.recordIds])).toEqual([
      ["POST", `${SEND}/batch`, ["r1", "r3"]],
      ["POST", UPSERT, ["r2", "r4"]],
    ]);
    expect(result.problems).toEqual([]);
  });

  it("applies the event-type filter: filtered records are skipped with the reason, not failed", async () => {
    const exclude = await build(
      "hubspot",
      "event-stream",
      BASE,
      { hub_id: "1", exclude_event_types: "page_view, x" },
      [identify, pageView],
      {
        batching: BATCH,
      },
    );
    expect(exclude.requests.map((r) => r.recordIds)).toEqual([["r1"]]);
    expect(exclude.skipped).toEqual([
      { recordId: "r2", reason: 'event_type "page_view" is among the event types to exclude.' },
    ]);
    const include = await build(
      "hubspot",
      "event-stream",
      BASE,
      { hub_id: "1", include_event_types: "user_identify" },
      [identify, pageView],
      {
        batching: BATCH,
      },
    );
    expect(include.skipped).toEqual([
      {
        recordId: "r2",
        reason: 'event_type "page_view" is not among the event types to include (user_identify).',
      },
    ]);
    expect(include.problems).toEqual([]);
  });
});

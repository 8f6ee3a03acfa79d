import { describe, expect, it } from "vitest";
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
  ])("%j → %j", (name, normalized) => {
    expect(normalizeName(name)).toBe(normalized);
  });
});

describe("HubSpot Identify Contacts", () => {
  it("upserts identify events by email in one batch under inputs, skipping other events", () => {
    const result = build("hubspot", "identify-contacts", BASE, {}, [identify, purchase, legacyIdentify], {
      batching: BATCH,
    });
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
      { recordId: "r2", reason: "Not a user_identify event: Identify Contacts sends only those." },
    ]);
    expect(result.problems).toEqual([]);
  });

  it("fails pre-flight without /user/email", () => {
    const result = build(
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
        message:
          "HubSpot needs the person's email: this record has no /user/email (or /eventn_ctx/user/email).",
      },
    ]);
  });
});

describe("HubSpot Custom Behavioral Events", () => {
  it("sends each other event as pe{hub_id}_{event_type}, with revenue", () => {
    const result = build("hubspot", "custom-behavioral-events", BASE, { hub_id: "20546336" }, [
      purchase,
      identify,
      pageView,
    ]);
    expect(result.requests).toEqual([
      {
        method: "POST",
        url: SEND,
        headers: JSON_HEADERS,
        body: '{"eventName":"pe20546336_completed_purchase","email":"customer@company.com","occurredAt":"2024-03-01T12:00:00Z","properties":{"revenue":2000}}',
        recordIds: ["r1"],
      },
      {
        method: "POST",
        url: SEND,
        headers: JSON_HEADERS,
        body: '{"eventName":"pe20546336_page_view","email":"customer@company.com","properties":{"revenue":12.5}}',
        recordIds: ["r3"],
      },
    ]);
    expect(result.skipped.map((s) => s.recordId)).toEqual(["r2"]);
  });

  it("fails pre-flight without an email, and needs the Hub ID", () => {
    const result = build("hubspot", "custom-behavioral-events", BASE, { hub_id: "1" }, [
      { event_type: "x", user: {} },
    ]);
    expect(result.problems[0]?.message).toMatch(/no \/user\/email/);
    const noHub = build("hubspot", "custom-behavioral-events", BASE, {}, [purchase]);
    expect(noHub.problems[0]?.message).toBe("The endpoint settings need fixing first: Enter the Hub ID.");
  });
});

describe("HubSpot Event Stream", () => {
  it("routes identify events to the contacts batch and the rest to events, in record order", () => {
    const result = build(
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
      ["POST", SEND, ["r1"]],
      ["POST", UPSERT, ["r2", "r4"]],
      ["POST", SEND, ["r3"]],
    ]);
    expect(result.problems).toEqual([]);
  });

  it("applies the event-type filter: filtered records are skipped with the reason, not failed", () => {
    const exclude = build(
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
    const include = build(
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

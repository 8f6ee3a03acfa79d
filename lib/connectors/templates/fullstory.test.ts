import { describe, expect, it } from "vitest";
import { build, JSON_HEADERS } from "./golden";

const BASE = "https://api.fullstory.com";
const fs = (templateId: string, records: Record<string, unknown>[], settings = {}, changes = {}) =>
  build("fullstory", templateId, BASE, settings, records, changes);
const BATCH = { enabled: true, size: 2, grouping: "fixed" as const };

describe("FullStory Create or Update User", () => {
  it("posts the user, other fields going into properties", async () => {
    const result = await fs("create-or-update-user", [
      {
        uid: "xyz123",
        display_name: "Daniel Falko",
        email: "daniel@example.com",
        plan: "paid",
        properties: { total_spent: 14.55 },
      },
    ]);
    expect(result.requests).toEqual([
      {
        method: "POST",
        url: "https://api.fullstory.com/v2/users",
        headers: JSON_HEADERS,
        body: '{"uid":"xyz123","display_name":"Daniel Falko","email":"daniel@example.com","properties":{"plan":"paid","total_spent":14.55}}',
        recordIds: ["r1"],
      },
    ]);
  });

  it.each([
    [
      { uid: "u", "pricing plan": "paid" },
      'FullStory property names start with a letter and hold only letters, digits and _: "pricing plan" does not (rename it or exclude it).',
    ],
    [
      { uid: "u", properties: { prefs: { "2fa": true } } },
      'FullStory property names start with a letter and hold only letters, digits and _: "prefs.2fa" does not (rename it or exclude it).',
    ],
    [{ uid: "u".repeat(257) }, "uid is 257 characters; the API allows 256."],
    [{ uid: "u", properties: "x" }, 'properties: the record\'s properties is "x", not an object.'],
  ])("pre-flight of %j", async (record, message) => {
    expect((await fs("create-or-update-user", [record])).problems).toEqual([{ recordId: "r1", message }]);
  });

  it("lets Exclude Attributes remove a field FullStory would refuse", async () => {
    const result = await fs(
      "create-or-update-user",
      [{ uid: "u", "internal id": 1 }],
      {},
      { excludeAttributes: ["internal id"] },
    );
    expect(result.requests[0]?.body).toBe('{"uid":"u"}');
  });
});

describe("FullStory Delete User", () => {
  it("deletes by each record's uid, URL-encoded, without a body", async () => {
    expect((await fs("delete-user", [{ uid: "a b/c" }])).requests).toEqual([
      {
        method: "DELETE",
        url: "https://api.fullstory.com/v2/users?uid=a%20b%2Fc",
        headers: {},
        body: null,
        recordIds: ["r1"],
      },
    ]);
  });

  it("deletes the User UID setting when given", async () => {
    expect((await fs("delete-user", [{ other: 1 }], { uid: "fixed-1" })).requests[0]?.url).toBe(
      "https://api.fullstory.com/v2/users?uid=fixed-1",
    );
  });

  it("fails pre-flight without a uid", async () => {
    expect((await fs("delete-user", [{ email: "a@x.io" }])).problems).toEqual([
      { recordId: "r1", message: "Delete User needs a uid: map one, or fill in the User UID setting." },
    ]);
  });
});

describe("FullStory Batch Create Users", () => {
  it("posts batches under requests, keeping an item's id", async () => {
    const result = await fs(
      "batch-create-users",
      [{ uid: "a", tier: "gold" }, { id: "987", uid: "b" }, { uid: "c" }],
      {},
      { batching: BATCH },
    );
    expect(result.requests).toEqual([
      {
        method: "POST",
        url: "https://api.fullstory.com/v2/users/batch",
        headers: JSON_HEADERS,
        body: '{"requests":[{"uid":"a","properties":{"tier":"gold"}},{"id":"987","uid":"b"}]}',
        recordIds: ["r1", "r2"],
      },
      {
        method: "POST",
        url: "https://api.fullstory.com/v2/users/batch",
        headers: JSON_HEADERS,
        body: '{"requests":[{"uid":"c"}]}',
        recordIds: ["r3"],
      },
    ]);
  });
});

describe("FullStory Create Event", () => {
  it("posts one event, other fields going into properties", async () => {
    const record = {
      name: "Support Ticket",
      user: { uid: "xyz123" },
      timestamp: "2022-03-15T14:23:23Z",
      priority: "Normal",
    };
    expect((await fs("create-event", [record])).requests).toEqual([
      {
        method: "POST",
        url: "https://api.fullstory.com/v2/events",
        headers: JSON_HEADERS,
        body: '{"name":"Support Ticket","timestamp":"2022-03-15T14:23:23Z","user":{"uid":"xyz123"},"properties":{"priority":"Normal"}}',
        recordIds: ["r1"],
      },
    ]);
  });

  it.each([
    [{ user: { uid: "u" } }, "name is required, but this record has no name."],
    [
      { name: "E", session: { id: "1:2" }, user: { uid: "u" } },
      "An event with session.id must not also name a user: FullStory answers 400 to more than one form of identification.",
    ],
    [
      { name: "E", user: { uid: "u", id: "9" } },
      "Identify the event's user by user.uid or user.id, not both: FullStory answers 400 to more than one form of identification.",
    ],
    [
      { name: "E", session: { use_most_recent: true } },
      "session.use_most_recent needs exactly one of user.uid or user.id.",
    ],
    [
      { name: "E", "bad-name": 1 },
      'FullStory property names start with a letter and hold only letters, digits and _: "bad-name" does not (rename it or exclude it).',
    ],
  ])("pre-flight of %j", async (record, message) => {
    expect((await fs("create-event", [record])).problems).toEqual([{ recordId: "r1", message }]);
  });
});

describe("FullStory Create Batch Events Import Job", () => {
  it("posts events under requests, the size capped at the setting", async () => {
    const records = [
      { name: "A", session: { id: "1:2" } },
      { name: "B", user: { id: "7" } },
    ];
    expect((await fs("create-batch-events-import-job", records, {}, { batching: BATCH })).requests).toEqual([
      {
        method: "POST",
        url: "https://api.fullstory.com/v2/events/batch",
        headers: JSON_HEADERS,
        body: '{"requests":[{"name":"A","session":{"id":"1:2"}},{"name":"B","user":{"id":"7"}}]}',
        recordIds: ["r1", "r2"],
      },
    ]);
  });
});

describe("FullStory webhook endpoints", () => {
  const hook = {
    url: "https://example.com/hooks",
    event_types: [{ event_name: "recording.event.custom", subcategory: "abc" }],
    secret: "s3",
    note: "x",
  };

  it("Create Webhook Endpoint posts url, event_types and secret", async () => {
    expect((await fs("create-webhook-endpoint", [hook])).requests).toEqual([
      {
        method: "POST",
        url: "https://api.fullstory.com/webhooks/v1/endpoints",
        headers: JSON_HEADERS,
        body: '{"url":"https://example.com/hooks","event_types":[{"event_name":"recording.event.custom","subcategory":"abc"}],"secret":"s3"}',
        recordIds: ["r1"],
      },
    ]);
    expect(
      (await fs("create-webhook-endpoint", [{ url: "https://e.com", event_types: [], secret: "s" }]))
        .problems[0]?.message,
    ).toMatch(/needs event_types/);
  });

  it("Update Webhook Endpoint puts the changes to the endpoint's Id", async () => {
    expect((await fs("update-webhook-endpoint", [{ enabled: false }], { id: "aHR0c/x" })).requests).toEqual([
      {
        method: "PUT",
        url: "https://api.fullstory.com/webhooks/v1/endpoints/aHR0c%2Fx",
        headers: JSON_HEADERS,
        body: '{"enabled":false}',
        recordIds: ["r1"],
      },
    ]);
    expect((await fs("update-webhook-endpoint", [{ note: 1 }], { id: "1" })).problems[0]?.message).toBe(
      "Nothing to update: the record has none of url, event_types, secret, enabled.",
    );
  });

  it("Delete Webhook Endpoint deletes the Id, without a body", async () => {
    expect((await fs("delete-webhook-endpoint", [{}], { id: "abc" })).requests).toEqual([
      {
        method: "DELETE",
        url: "https://api.fullstory.com/webhooks/v1/endpoints/abc",
        headers: {},
        body: null,
        recordIds: ["r1"],
      },
    ]);
  });
});

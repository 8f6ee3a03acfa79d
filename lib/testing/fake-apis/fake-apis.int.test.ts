import { afterEach, describe, expect, it } from "vitest";
import { startFakeServer } from "./fake-server";
import { startFakeFullStory } from "./fullstory";
import { startFakeHightouch } from "./hightouch";
import { startFakeHotjar } from "./hotjar";
import { startFakeHubSpot } from "./hubspot";

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((fake) => fake.close()));
});
async function started<T extends { close(): Promise<void> }>(fake: Promise<T>): Promise<T> {
  const value = await fake;
  running.push(value);
  return value;
}

function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** Fires `count` requests in parallel waves and returns their statuses in order. */
async function statuses(count: number, send: () => Promise<Response>, wave = 100): Promise<number[]> {
  const all: number[] = [];
  for (let sent = 0; sent < count; sent += wave) {
    const responses = await Promise.all(Array.from({ length: Math.min(wave, count - sent) }, send));
    for (const response of responses) {
      all.push(response.status);
      await response.arrayBuffer();
    }
  }
  return all;
}

describe("fake server core", () => {
  it("records requests, waits for them, and fails only the matching requests it is told to", async () => {
    const fake = await started(startFakeServer("core", () => ({ status: 200, body: { ok: true } })));
    fake.failNext(1, {
      status: 503,
      body: { down: true },
      headers: { "retry-after": "2" },
      match: { path: "/b" },
    });

    const a = await postJson(`${fake.url}/a?x=1&y=two`, { hello: "world" }, { "x-test": "yes" });
    const b = await fetch(`${fake.url}/b`);
    const again = await fetch(`${fake.url}/b`);

    expect([a.status, b.status, again.status]).toEqual([200, 503, 200]);
    expect(b.headers.get("retry-after")).toBe("2");
    expect(await b.json()).toEqual({ down: true });
    const [first] = await fake.waitForRequests(3);
    expect(first).toMatchObject({ method: "POST", path: "/a", query: { x: "1", y: "two" }, status: 200 });
    expect(first?.headers["x-test"]).toBe("yes");
    expect(first?.body).toBe('{"hello":"world"}');
    await expect(fake.waitForRequests(4, 50)).rejects.toThrow(/expected 4 requests, got 3/);
  });
});

describe("fake Hotjar", () => {
  const credentials = { clientId: "hj-id", clientSecret: "hj-secret" };
  const tokenRequest = (url: string, form: Record<string, string>) =>
    fetch(`${url}/v1/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
  const goodForm = { grant_type: "client_credentials", client_id: "hj-id", client_secret: "hj-secret" };
  async function token(url: string): Promise<string> {
    const body = (await (await tokenRequest(url, goodForm)).json()) as { access_token: string };
    return body.access_token;
  }
  const lookup = (url: string, accessToken: string, body: unknown, org = 12345) =>
    postJson(`${url}/v1/organizations/${org}/user-lookup`, body, { authorization: `Bearer ${accessToken}` });

  it("issues form-encoded client-credentials tokens and refuses anything else", async () => {
    const hotjar = await started(startFakeHotjar(credentials));

    const asJson = await postJson(`${hotjar.url}/v1/oauth/token`, goodForm);
    expect(asJson.status).toBe(400);
    expect(await asJson.json()).toMatchObject({
      error: "invalid_request",
      error_description: expect.any(String),
    });

    const wrongGrant = await tokenRequest(hotjar.url, { ...goodForm, grant_type: "password" });
    expect(wrongGrant.status).toBe(400);
    expect(await wrongGrant.json()).toMatchObject({ error: "unsupported_grant_type" });

    const wrongSecret = await tokenRequest(hotjar.url, { ...goodForm, client_secret: "nope" });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toEqual({
      error: "invalid_client",
      error_description: "Client authentication failed",
    });

    const ok = await tokenRequest(hotjar.url, goodForm);
    expect(ok.status).toBe(200);
    const issued = await ok.json();
    expect(issued).toEqual({ access_token: expect.any(String), token_type: "bearer", expires_in: 3600 });
    expect(await token(hotjar.url)).not.toBe(issued.access_token);
    expect(hotjar.tokensIssued).toBe(2);
  });

  it("takes user lookups only with a live token, a known org, a Scale plan and an identifier", async () => {
    const hotjar = await started(startFakeHotjar(credentials));
    const accessToken = await token(hotjar.url);

    const noAuth = await postJson(`${hotjar.url}/v1/organizations/12345/user-lookup`, {
      data_subject_email: "a@b.co",
    });
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toMatchObject({ error: "unauthorized", message: expect.any(String) });
    expect((await lookup(hotjar.url, "made-up", { data_subject_email: "a@b.co" })).status).toBe(401);
    expect((await lookup(hotjar.url, accessToken, { data_subject_email: "a@b.co" }, 999)).status).toBe(404);
    expect((await lookup(hotjar.url, accessToken, { delete_all_hits: true })).status).toBe(400);

    const ok = await lookup(hotjar.url, accessToken, {
      data_subject_email: "jane@example.com",
      delete_all_hits: false,
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok", message: "User lookup request received" });
    const byUserId = await lookup(hotjar.url, accessToken, {
      data_subject_site_id_to_user_id_map: { "123": "u-1" },
    });
    expect(byUserId.status).toBe(200);
    expect(hotjar.lookups.map((l) => l.organizationId)).toEqual([12345, 12345]);

    const surveys = await fetch(`${hotjar.url}/v1/sites/123/surveys?limit=10`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(await surveys.json()).toEqual({ results: [], next_cursor: null });

    const observe = await started(startFakeHotjar({ ...credentials, scaleplan: false }));
    expect(
      (await lookup(observe.url, await token(observe.url), { data_subject_email: "a@b.co" })).status,
    ).toBe(403);
  });

  it("rejects expired tokens so a client must fetch a new one", async () => {
    const hotjar = await started(startFakeHotjar({ ...credentials, tokenTtlSeconds: 120 }));
    const first = await token(hotjar.url);
    expect((await lookup(hotjar.url, first, { data_subject_email: "a@b.co" })).status).toBe(200);

    hotjar.expireTokens();
    const expired = await lookup(hotjar.url, first, { data_subject_email: "a@b.co" });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: "unauthorized" });

    const second = await token(hotjar.url);
    expect((await lookup(hotjar.url, second, { data_subject_email: "a@b.co" })).status).toBe(200);
    expect(hotjar.tokensIssued).toBe(2);
  });

  it("limits each token to 3000 requests a minute, and injects 429s on demand", async () => {
    const hotjar = await started(startFakeHotjar(credentials));
    const accessToken = await token(hotjar.url);
    const send = () => lookup(hotjar.url, accessToken, { data_subject_email: "a@b.co" });
    const answered = await statuses(3001, send, 250);
    expect(answered.filter((s) => s === 200)).toHaveLength(3000);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // The limit is per token.
    expect((await lookup(hotjar.url, await token(hotjar.url), { data_subject_email: "a@b.co" })).status).toBe(
      200,
    );

    hotjar.rateLimitNext(1, 7, { path: /user-lookup$/ });
    const freshToken = await token(hotjar.url);
    const injected = await lookup(hotjar.url, freshToken, { data_subject_email: "a@b.co" });
    expect(injected.status).toBe(429);
    expect(injected.headers.get("retry-after")).toBe("7");
  });
});

describe("fake Hightouch", () => {
  const auth = { authorization: "Bearer ht-key" };
  const api = (url: string, path: string) => `${url}/api/v1${path}`;

  it("checks the bearer key and lists sources", async () => {
    const hightouch = await started(startFakeHightouch({ apiKey: "ht-key" }));
    const noKey = await fetch(api(hightouch.url, "/sources?limit=1"));
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toEqual({ message: "Unauthorized" });
    expect(
      (await fetch(api(hightouch.url, "/sources"), { headers: { authorization: "Bearer other" } })).status,
    ).toBe(401);

    const list = await fetch(api(hightouch.url, "/sources?limit=1"), { headers: auth });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ data: [] });
  });

  it("creates sources and models with the documented validation", async () => {
    const hightouch = await started(startFakeHightouch({ apiKey: "ht-key", workspaceId: 7 }));
    const source = { name: "Warehouse", slug: "warehouse", type: "postgres", configuration: { host: "db" } };

    const missing = await postJson(api(hightouch.url, "/sources"), { name: "x" }, auth);
    expect(missing.status).toBe(422);
    const missingBody = await missing.json();
    expect(missingBody.message).toBe("Validation failed");
    expect(Object.keys(missingBody.details).sort()).toEqual(["configuration", "slug", "type"]);

    const created = await postJson(api(hightouch.url, "/sources"), source, auth);
    expect(created.status).toBe(200);
    const sourceBody = await created.json();
    expect(sourceBody).toMatchObject({ ...source, id: expect.any(Number), workspaceId: 7 });
    expect(Date.parse(sourceBody.createdAt)).not.toBeNaN();
    expect(Date.parse(sourceBody.updatedAt)).not.toBeNaN();

    const duplicate = await postJson(api(hightouch.url, "/sources"), source, auth);
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({
      message: "Validation failed",
      details: { slug: expect.any(String) },
    });

    const model = {
      name: "Users",
      slug: "users",
      sourceId: sourceBody.id,
      primaryKey: "id",
      isSchema: false,
    };
    const noSql = await postJson(
      api(hightouch.url, "/models"),
      { ...model, queryType: "raw_sql", raw: {} },
      auth,
    );
    expect(noSql.status).toBe(422);
    expect((await noSql.json()).details).toHaveProperty("raw");
    const typo = await postJson(
      api(hightouch.url, "/models"),
      { ...model, queryType: "tabel", table: { name: "u" } },
      auth,
    );
    expect(typo.status).toBe(422);

    const ok = await postJson(
      api(hightouch.url, "/models"),
      { ...model, queryType: "raw_sql", raw: { sql: "SELECT * FROM users" } },
      auth,
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      ...model,
      id: expect.any(Number),
      syncs: [],
      tags: {},
      workspaceId: 7,
    });
    const byTable = { ...model, slug: "users-table", queryType: "table", table: { name: "public.users" } };
    expect((await postJson(api(hightouch.url, "/models"), byTable, auth)).status).toBe(200);
    expect(hightouch.models).toHaveLength(2);
  });

  it("triggers known syncs by id or slug and 404s unknown ones", async () => {
    const hightouch = await started(
      startFakeHightouch({ apiKey: "ht-key", syncs: [{ id: 55, slug: "users-to-crm" }] }),
    );
    const run = await postJson(api(hightouch.url, "/syncs/55/trigger"), { fullResync: true }, auth);
    expect(run.status).toBe(200);
    expect(await run.json()).toEqual({ id: expect.any(String) });
    expect((await postJson(api(hightouch.url, "/syncs/56/trigger"), {}, auth)).status).toBe(404);
    expect(
      (await postJson(api(hightouch.url, "/syncs/trigger"), { syncSlug: "users-to-crm" }, auth)).status,
    ).toBe(200);
    expect((await postJson(api(hightouch.url, "/syncs/trigger"), {}, auth)).status).toBe(422);
    expect(hightouch.syncRuns.map((r) => [r.syncId, r.fullResync])).toEqual([
      ["55", true],
      ["55", false],
    ]);
  });

  it("allows 200 requests per 10 seconds per key, and injects failures on demand", async () => {
    const hightouch = await started(startFakeHightouch({ apiKey: "ht-key" }));
    const send = () => fetch(api(hightouch.url, "/sources"), { headers: auth });
    expect((await statuses(200, send)).every((s) => s === 200)).toBe(true);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);

    const other = await started(startFakeHightouch({ apiKey: "ht-key" }));
    other.failNext(1, { status: 500, body: "Internal Server Error" });
    const crashed = await fetch(api(other.url, "/sources"), { headers: auth });
    expect(crashed.status).toBe(500);
    expect(await crashed.json()).toBe("Internal Server Error");
    other.rateLimitNext(1, 3);
    expect((await fetch(api(other.url, "/sources"), { headers: auth })).headers.get("retry-after")).toBe("3");
    expect((await fetch(api(other.url, "/sources"), { headers: auth })).status).toBe(200);
  });
});

describe("fake FullStory", () => {
  const auth = { authorization: "Basic fs-key" };
  const get = (url: string) => fetch(url, { headers: auth });

  it("accepts only `Basic <raw key>`", async () => {
    const fullstory = await started(startFakeFullStory({ apiKey: "fs-key" }));
    const unauthorized = { message: "access is unauthorized", code: "unauthorized" };
    const bearer = await fetch(`${fullstory.url}/v2/users?uid=x`, {
      headers: { authorization: "Bearer fs-key" },
    });
    expect(bearer.status).toBe(401);
    expect(await bearer.json()).toEqual(unauthorized);
    const encoded = `Basic ${Buffer.from("fs-key:").toString("base64")}`;
    expect(
      (await fetch(`${fullstory.url}/v2/users?uid=x`, { headers: { authorization: encoded } })).status,
    ).toBe(401);

    const ok = await get(`${fullstory.url}/v2/users?uid=__connector_test__`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ results: [], total_records: "0" });
  });

  it("upserts users by uid, refuses a uid change, and deletes by id or uid", async () => {
    const fullstory = await started(startFakeFullStory({ apiKey: "fs-key" }));
    const first = await (
      await postJson(`${fullstory.url}/v2/users`, { uid: "u1", properties: { plan: "free" } }, auth)
    ).json();
    expect(first).toEqual({ id: expect.any(String) });
    const again = await postJson(`${fullstory.url}/v2/users`, { uid: "u1", email: "u1@example.com" }, auth);
    expect(await again.json()).toEqual(first);

    const listed = await (await get(`${fullstory.url}/v2/users?uid=u1`)).json();
    expect(listed).toMatchObject({
      total_records: "1",
      results: [{ id: first.id, uid: "u1", email: "u1@example.com" }],
    });
    const user = await (await get(`${fullstory.url}/v2/users/${first.id}`)).json();
    expect(user).toMatchObject({ id: first.id, is_being_deleted: false, properties: { plan: "free" } });

    const badName = await postJson(
      `${fullstory.url}/v2/users`,
      { uid: "u2", properties: { "2fast": 1 } },
      auth,
    );
    expect(badName.status).toBe(400);
    expect(await badName.json()).toMatchObject({ message: expect.any(String), code: expect.any(String) });

    const changeUid = await postJson(`${fullstory.url}/v2/users/${first.id}`, { uid: "u9" }, auth);
    expect(changeUid.status).toBe(400);
    expect(
      (await postJson(`${fullstory.url}/v2/users/${first.id}`, { display_name: "U One" }, auth)).status,
    ).toBe(200);
    expect(fullstory.users.get(first.id)?.display_name).toBe("U One");

    const deleted = await fetch(`${fullstory.url}/v2/users?uid=u1`, { method: "DELETE", headers: auth });
    expect([deleted.status, await deleted.json()]).toEqual([200, {}]);
    const gone = await fetch(`${fullstory.url}/v2/users/${first.id}`, { method: "DELETE", headers: auth });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({
      message: "Requested resource does not exist",
      code: "resource_not_found",
    });
  });

  it("validates events and their single form of identification", async () => {
    const fullstory = await started(startFakeFullStory({ apiKey: "fs-key" }));
    const send = (body: unknown) => postJson(`${fullstory.url}/v2/events`, body, auth);

    const noName = await send({ user: { uid: "u1" } });
    expect(noName.status).toBe(400);
    expect(await noName.json()).toEqual({ message: "name is required", code: "required_field" });
    expect((await send({ name: "x", session: { id: "1:2" }, user: { uid: "u1" } })).status).toBe(400);
    expect((await send({ name: "x", user: { uid: "u1", id: "9" } })).status).toBe(400);
    expect((await send({ name: "x", session: { use_most_recent: true } })).status).toBe(400);

    const ok = await send({ name: "Support Ticket", user: { uid: "u1" }, timestamp: "2022-03-15T14:23:23Z" });
    expect([ok.status, await ok.json()]).toEqual([200, {}]);
    expect((await send({ name: "Support Ticket", session: { id: "123:456" } })).status).toBe(200);
    expect(fullstory.events).toHaveLength(2);
  });

  it("replays the first answer for a repeated Idempotency-Key without a second effect", async () => {
    const fullstory = await started(startFakeFullStory({ apiKey: "fs-key" }));
    const headers = { ...auth, "idempotency-key": "k-1" };
    const first = await (
      await postJson(`${fullstory.url}/v2/users`, { display_name: "Anon" }, headers)
    ).json();
    const second = await (
      await postJson(`${fullstory.url}/v2/users`, { display_name: "Other" }, headers)
    ).json();
    expect(second).toEqual(first);
    expect(fullstory.users.size).toBe(1);
    // An update names its user by id, so an anonymous user is updated, not duplicated.
    expect(
      (await postJson(`${fullstory.url}/v2/users/${first.id}`, { email: "a@example.com" }, auth)).status,
    ).toBe(200);
    expect(fullstory.users.get(first.id)?.email).toBe("a@example.com");
    expect(fullstory.users.size).toBe(1);

    await postJson(
      `${fullstory.url}/v2/events`,
      { name: "e", user: { uid: "u" } },
      { ...auth, "idempotency-key": "k-2" },
    );
    await postJson(
      `${fullstory.url}/v2/events`,
      { name: "e", user: { uid: "u" } },
      { ...auth, "idempotency-key": "k-2" },
    );
    expect(fullstory.events).toHaveLength(1);
  });

  it("runs batch imports as jobs that finish after the first status poll", async () => {
    const fullstory = await started(startFakeFullStory({ apiKey: "fs-key" }));
    expect(await (await postJson(`${fullstory.url}/v2/users/batch`, {}, auth)).json()).toEqual({
      message: "requests is required",
      code: "required_field",
    });
    const tooMany = Array.from({ length: 50_001 }, (_, i) => ({ uid: `u${i}` }));
    expect((await postJson(`${fullstory.url}/v2/users/batch`, { requests: tooMany }, auth)).status).toBe(400);

    const requests = [
      { uid: "ok", properties: { plan: "pro" } },
      { uid: "bad", properties: { "bad name": 1 } },
    ];
    const created = await postJson(`${fullstory.url}/v2/users/batch`, { requests }, auth);
    const { job } = await created.json();
    expect(job).toEqual({ id: expect.any(String), status: "PROCESSING", created: expect.any(String) });
    expect((await get(`${fullstory.url}/v2/users/batch/${job.id}/errors`)).status).toBe(202);

    const firstPoll = await (await get(`${fullstory.url}/v2/users/batch/${job.id}`)).json();
    expect(firstPoll.job.status).toBe("PROCESSING");
    const secondPoll = await (await get(`${fullstory.url}/v2/users/batch/${job.id}`)).json();
    expect(secondPoll).toMatchObject({
      imports: 1,
      errors: 1,
      job: { status: "FAILED", finished: expect.any(String) },
    });

    const errors = await (await get(`${fullstory.url}/v2/users/batch/${job.id}/errors`)).json();
    expect(errors).toEqual({
      results: [{ message: expect.any(String), code: expect.any(String), user: requests[1] }],
      total_records: "1",
    });
    expect([...fullstory.users.values()].map((u) => u.uid)).toEqual(["ok"]);

    const events = await postJson(
      `${fullstory.url}/v2/events/batch`,
      { requests: [{ name: "e", user: { uid: "ok" } }] },
      auth,
    );
    const eventJob = (await events.json()).job;
    fullstory.completeBatchJobs();
    const done = await (await get(`${fullstory.url}/v2/events/batch/${eventJob.id}`)).json();
    expect(done).toMatchObject({ imports: 1, errors: 0, job: { status: "COMPLETED" } });
  });

  it("can finish batch jobs after a delay instead of counting polls", async () => {
    const fullstory = await started(startFakeFullStory({ apiKey: "fs-key", batchJobs: { delayMs: 0 } }));
    const created = await postJson(`${fullstory.url}/v2/users/batch`, { requests: [{ uid: "u1" }] }, auth);
    const { job } = await created.json();
    const imports = await get(`${fullstory.url}/v2/users/batch/${job.id}/imports`);
    expect(imports.status).toBe(200);
    expect(await imports.json()).toMatchObject({
      results: [{ uid: "u1", id: expect.any(String) }],
      total_records: "1",
    });
  });

  it("manages webhook endpoints with a camelCase response", async () => {
    const fullstory = await started(startFakeFullStory({ apiKey: "fs-key" }));
    const base = `${fullstory.url}/webhooks/v1/endpoints`;
    const body = {
      url: "https://example.com/fullstory-webhooks",
      event_types: [{ event_name: "recording.event.custom", subcategory: "CgsiCW8t" }],
      secret: "shh",
    };
    expect(await (await postJson(base, { ...body, secret: undefined }, auth)).json()).toEqual({
      message: "secret is required",
      code: "required_field",
    });
    const created = await (await postJson(base, body, auth)).json();
    expect(created).toEqual({
      id: "aHR0cHM6Ly9leGFtcGxlLmNvbS9mdWxsc3Rvcnktd2ViaG9va3M",
      created: expect.any(String),
      modified: expect.any(String),
      enabled: true,
      url: body.url,
      eventTypes: [{ eventName: "recording.event.custom", subcategory: "CgsiCW8t" }],
    });
    expect(await (await get(`${base}/${created.id}`)).json()).toEqual(created);
    // Updates are PUT, as the generated webhooks spec has them (connector-apis.md §3.3).
    const put = await fetch(`${base}/${created.id}`, {
      method: "PUT",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ enabled: false }),
    });
    const updated = await put.json();
    expect(updated).toMatchObject({ id: created.id, enabled: false });
    expect((await fetch(`${base}/${created.id}`, { method: "DELETE", headers: auth })).status).toBe(200);
    expect((await get(`${base}/${created.id}`)).status).toBe(404);
  });

  it("answers the documented 429 with Retry-After when told to", async () => {
    const fullstory = await started(startFakeFullStory({ apiKey: "fs-key" }));
    fullstory.rateLimitNext(1, 5);
    const limited = await postJson(`${fullstory.url}/v2/events`, { name: "e", user: { uid: "u" } }, auth);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("5");
    expect(await limited.json()).toEqual({
      message: "Too many requests. Client has exceeded the rate limit for this endpoint.",
      code: "too_many_requests",
    });
    expect(
      (await postJson(`${fullstory.url}/v2/events`, { name: "e", user: { uid: "u" } }, auth)).status,
    ).toBe(200);
  });
});

describe("fake HubSpot", () => {
  const auth = { authorization: "Bearer pat-na1-test" };
  const options = { accessToken: "pat-na1-test", portalId: 2519445, eventNames: ["login"] };

  it("answers 401 with the v3 INVALID_AUTHENTICATION body and identifies the portal", async () => {
    const hubspot = await started(startFakeHubSpot(options));
    const denied = await fetch(`${hubspot.url}/integrations/v1/me`);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({
      status: "error",
      message: expect.stringMatching(/^Authentication credentials not found\./),
      correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      category: "INVALID_AUTHENTICATION",
    });
    expect(await (await fetch(`${hubspot.url}/integrations/v1/me`, { headers: auth })).json()).toEqual({
      portalId: 2519445,
      timeZone: "America/New_York",
      currency: "USD",
      utcOffsetMilliseconds: -18000000,
      utcOffset: "-05:00",
    });
    const details = await (
      await fetch(`${hubspot.url}/account-info/2026-03/details`, { headers: auth })
    ).json();
    expect(details).toMatchObject({ portalId: 2519445 });
    const props = await (await fetch(`${hubspot.url}/crm/v3/properties/contacts`, { headers: auth })).json();
    expect(props.results.map((p: { name: string }) => p.name)).toEqual([
      "email",
      "firstname",
      "lastname",
      "phone",
      "company",
      "lifecyclestage",
    ]);
  });

  it("creates or updates v1 contacts by URL-encoded email and validates properties", async () => {
    const hubspot = await started(startFakeHubSpot(options));
    const url = (email: string, slash = "/") =>
      `${hubspot.url}/contacts/v1/contact/createOrUpdate/email/${encodeURIComponent(email)}${slash}`;
    const props = (values: Record<string, string>) => ({
      properties: Object.entries(values).map(([property, value]) => ({ property, value })),
    });

    const created = await postJson(url("jane+test@example.com"), props({ firstname: "Jane" }), auth);
    expect(await created.json()).toEqual({ vid: expect.any(Number), isNew: true });
    const updated = await postJson(url("jane+test@example.com", ""), props({ lastname: "Doe" }), auth);
    expect((await updated.json()).isNew).toBe(false);
    expect(hubspot.contactByEmail("jane+test@example.com")?.properties).toMatchObject({
      firstname: "Jane",
      lastname: "Doe",
    });

    const unknown = await postJson(url("jane+test@example.com"), props({ favourite_colour: "red" }), auth);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      status: "error",
      validationResults: [{ isValid: false, error: "PROPERTY_DOESNT_EXIST", name: "favourite_colour" }],
    });
    const invalid = await postJson(url("not-an-email"), props({ firstname: "X" }), auth);
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).validationResults[0]).toMatchObject({ error: "INVALID_EMAIL" });

    await postJson(url("bob@example.com"), props({ firstname: "Bob" }), auth);
    const conflict = await postJson(url("bob@example.com"), props({ email: "jane+test@example.com" }), auth);
    expect(conflict.status).toBe(409);
    expect(hubspot.contacts.size).toBe(2);
  });

  it("batch-upserts contacts with per-input failures as 207 and at most 100 inputs", async () => {
    const hubspot = await started(startFakeHubSpot(options));
    const batch = `${hubspot.url}/crm/v3/objects/contacts/batch/upsert`;
    const input = (email: string, properties: Record<string, string> = {}) => ({
      idProperty: "email",
      id: email,
      properties,
    });

    const tooMany = Array.from({ length: 101 }, (_, i) => input(`u${i}@example.com`));
    const rejected = await postJson(batch, { inputs: tooMany }, auth);
    expect(rejected.status).toBe(400);
    expect(await rejected.json()).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });

    const good = await postJson(batch, { inputs: [input("a@example.com", { firstname: "A" })] }, auth);
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({
      status: "COMPLETE",
      results: [
        { id: expect.any(String), new: true, properties: { email: "a@example.com", firstname: "A" } },
      ],
    });

    const mixed = await postJson(
      batch,
      { inputs: [input("b@example.com"), input("c@example.com", { shoe_size: "9" }), input("nope")] },
      auth,
    );
    expect(mixed.status).toBe(207);
    const body = await mixed.json();
    expect(body.numErrors).toBe(2);
    expect(body.results).toHaveLength(1);
    expect(body.errors.map((e: { context: { ids: string[] } }) => e.context.ids[0])).toEqual([
      "c@example.com",
      "nope",
    ]);
    expect(body.errors[0].errors[0]).toMatchObject({ code: "PROPERTY_DOESNT_EXIST" });
    expect([...hubspot.contacts.values()].map((c) => c.email).sort()).toEqual([
      "a@example.com",
      "b@example.com",
    ]);
  });

  it("accepts only defined, fully qualified custom events", async () => {
    const hubspot = await started(startFakeHubSpot(options));
    const sent = await postJson(
      `${hubspot.url}/events/v3/send`,
      { eventName: "pe2519445_login", email: "a@example.com" },
      auth,
    );
    expect(sent.status).toBe(204);
    expect(await sent.text()).toBe("");
    const unqualified = await postJson(
      `${hubspot.url}/events/v3/send`,
      { eventName: "login", email: "a@example.com" },
      auth,
    );
    expect(unqualified.status).toBe(400);
    expect(await unqualified.json()).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
    const inputs = [
      { eventName: "pe2519445_login", email: "a@example.com", properties: { hs_url: "https://x.test" } },
    ];
    expect((await postJson(`${hubspot.url}/events/v3/send/batch`, { inputs }, auth)).status).toBe(204);
    expect(hubspot.events).toHaveLength(2);
  });

  it("limits each token to 190 requests per 10 seconds with the rate-limit body", async () => {
    const hubspot = await started(startFakeHubSpot(options));
    const send = () => fetch(`${hubspot.url}/integrations/v1/me`, { headers: auth });
    expect((await statuses(190, send, 95)).every((s) => s === 200)).toBe(true);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({
      status: "error",
      message: "You have reached your ten_secondly_rolling limit.",
      errorType: "RATE_LIMIT",
      correlationId: expect.any(String),
      policyName: "TEN_SECONDLY_ROLLING",
      requestId: expect.any(String),
    });

    const other = await started(startFakeHubSpot(options));
    other.rateLimitNext(2, 4);
    const injected = await statuses(3, () => fetch(`${other.url}/integrations/v1/me`, { headers: auth }), 1);
    expect(injected).toEqual([429, 429, 200]);
  });
});

/**
 * The REST API over real HTTP: its route handlers served as Next serves them (lib/testing/
 * api-server.ts), called with personal API tokens, against a real Postgres.
 */
import { randomUUID } from "node:crypto";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendRecords } from "@/lib/datasets/store/append-records";
import { db, disconnectDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";
import { activateDestination } from "@/lib/delivery/lifecycle";
import { recordRequest } from "@/lib/inspector/record-request";
import { type ApiServer, apiRouteFiles, routeMethods, startApiServer } from "@/lib/testing/api-server";
import { createFlow, type Flow } from "@/lib/testing/delivery-fixtures";
import { TOKEN_REQUESTS_PER_MINUTE } from "./route";
import { createApiToken } from "./tokens";
import { openApiDocument } from "./v1/openapi";

let server: ApiServer;
let flow: Flow;
type Person = { id: string; role: Role };
const users = {} as Record<"admin" | "editor" | "viewer", Person>;

beforeAll(async () => {
  server = await startApiServer();
  // A workspace with a dataset and a saved destination (never activated: nothing is sent).
  flow = await createFlow({ sinkUrl: "http://127.0.0.1:9", records: 3, name: "Api" });
  for (const role of ["admin", "editor", "viewer"] as const)
    users[role] = await member(flow.workspaceId, role);
});
afterAll(async () => {
  await server.close();
  await disconnectDb();
});

async function member(workspaceId: string, role: Role): Promise<Person> {
  const id = randomUUID();
  await db().user.create({ data: { id, name: `${role} person`, email: `${role}-${id}@example.com` } });
  await db().membership.create({ data: { workspaceId, userId: id, role } });
  return { id, role };
}

async function token(
  user: { id: string; role: Role },
  role: "viewer" | "editor" | "admin",
  name = `${role} token`,
) {
  const created = await createApiToken(
    { user: { id: user.id }, workspace: { id: flow.workspaceId }, role: user.role },
    { name, role, expiresInDays: null },
  );
  return created.token;
}

async function call(
  method: string,
  path: string,
  bearer: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

describe("API tokens", () => {
  it("refuse calls without a token, or with one unknown, revoked or expired, with 401 saying how to authenticate", async () => {
    const missing = await call("GET", "/api/v1/datasets", null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(missing.body).toMatchObject({
      status: 401,
      title: "Unauthorized",
      detail: expect.stringMatching(/Bearer/),
    });
    expect((await call("GET", "/api/v1/datasets", "oft_not-a-token")).body.detail).toMatch(/not known/);

    const revoked = await token(users.admin, "viewer", "revoked one");
    expect((await call("GET", "/api/v1/datasets", revoked)).status).toBe(200);
    await db().apiToken.updateMany({ where: { name: "revoked one" }, data: { revokedAt: new Date() } });
    expect((await call("GET", "/api/v1/datasets", revoked)).body).toMatchObject({
      status: 401,
      detail: expect.stringMatching(/revoked/),
    });

    const expired = await token(users.admin, "viewer", "expired one");
    await db().apiToken.updateMany({
      where: { name: "expired one" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await call("GET", "/api/v1/datasets", expired)).body).toMatchObject({
      status: 401,
      detail: expect.stringMatching(/expired/),
    });
  });

  it("do at most what their role and their user's role allow: 403 above it", async () => {
    await expect(token(users.editor, "admin")).rejects.toMatchObject({
      fieldErrors: { role: expect.stringMatching(/at most what you can/) },
    });
    const viewer = await token(users.admin, "viewer");
    const refused = await call("POST", "/api/v1/datasets", viewer, { name: "Not allowed" });
    expect(refused).toMatchObject({
      status: 403,
      body: { detail: expect.stringMatching(/editors, admins and owners.*acts as viewer/) },
    });

    // The user loses the editor role: their editor token can no longer change anything.
    const demoted = await member(flow.workspaceId, "editor");
    const editorToken = await token(demoted, "editor");
    expect((await call("POST", "/api/v1/datasets", editorToken, { name: "Allowed" })).status).toBe(201);
    await db().membership.update({ where: { userId: demoted.id }, data: { role: "viewer" } });
    expect((await call("POST", "/api/v1/datasets", editorToken, { name: "Not any more" })).status).toBe(403);
  });

  it("are listed with their last use and written to the audit log with every call", async () => {
    const editor = await token(users.editor, "editor", "audited");
    const created = await call("POST", "/api/v1/datasets", editor, { name: "Audited dataset" });
    expect(created.status).toBe(201);
    const row = await db().apiToken.findFirstOrThrow({ where: { name: "audited" } });
    expect(row.lastUsedAt).not.toBeNull();
    const events = await db().auditEvent.findMany({
      where: { workspaceId: flow.workspaceId },
      orderBy: { createdAt: "asc" },
    });
    expect(events).toContainEqual(
      expect.objectContaining({
        action: "api.called",
        resourceName: "audited",
        details: { method: "POST", path: "/api/v1/datasets", status: 201 },
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        action: "dataset.created",
        resourceId: created.body.id,
        details: expect.objectContaining({ via: 'API token "audited"' }),
      }),
    );
  });

  it(`answer 429 with Retry-After after ${TOKEN_REQUESTS_PER_MINUTE} calls in a minute, to that token only`, async () => {
    const busy = await token(users.viewer, "viewer", "busy");
    const other = await token(users.viewer, "viewer", "quiet");
    let status = 200;
    for (let i = 0; i < TOKEN_REQUESTS_PER_MINUTE && status === 200; i++) {
      status = (await call("GET", "/api/v1/destinations?limit=1", busy)).status;
    }
    expect(status).toBe(200);
    const limited = await call("GET", "/api/v1/destinations?limit=1", busy);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await call("GET", "/api/v1/destinations?limit=1", other)).status).toBe(200);
  }, 120_000);
});

describe("datasets", () => {
  it("are created (idempotently), read, renamed, listed by pages and deleted", async () => {
    const editor = await token(users.editor, "editor");
    const key = { "idempotency-key": randomUUID() };
    const first = await call("POST", "/api/v1/datasets", editor, { name: "Signups" }, key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: "Signups", recordCount: 0, ingestKey: expect.any(String) });
    expect(first.headers.get("location")).toBe(`/api/v1/datasets/${first.body.id}`);
    const again = await call("POST", "/api/v1/datasets", editor, { name: "Signups" }, key);
    expect(again).toMatchObject({ status: 201, body: first.body });
    expect(await db().dataset.count({ where: { workspaceId: flow.workspaceId, name: "Signups" } })).toBe(1);
    const reused = await call("PATCH", `/api/v1/datasets/${first.body.id}`, editor, { name: "x" }, key);
    expect(reused.status).toBe(200); // PATCH is not a create: the key is not looked at

    const renamed = await call("PATCH", `/api/v1/datasets/${first.body.id}`, editor, {
      name: "Signups (EU)",
    });
    expect(renamed).toMatchObject({ status: 200, body: { name: "Signups (EU)" } });
    expect((await call("GET", `/api/v1/datasets/${first.body.id}`, editor)).body.name).toBe("Signups (EU)");
    expect((await call("DELETE", `/api/v1/datasets/${first.body.id}`, editor)).status).toBe(204);
    expect((await call("GET", `/api/v1/datasets/${first.body.id}`, editor)).status).toBe(404);
  });

  it("refuse bad input on its field (422), a body that is not JSON (400), and ids of nothing of theirs (404)", async () => {
    const editor = await token(users.editor, "editor");
    const invalid = await call("POST", "/api/v1/datasets", editor, { name: "" });
    expect(invalid).toMatchObject({ status: 422, body: { errors: { name: expect.any(String) } } });
    expect((await call("POST", "/api/v1/datasets", editor, "{not json")).status).toBe(400);
    expect((await call("GET", "/api/v1/datasets/not-an-id", editor)).status).toBe(404);
    const elsewhere = await createFlow({ sinkUrl: "http://127.0.0.1:9", name: "Elsewhere" });
    expect((await call("GET", `/api/v1/datasets/${elsewhere.datasetId}`, editor)).status).toBe(404);
    expect((await call("DELETE", `/api/v1/datasets/${elsewhere.datasetId}`, editor)).status).toBe(404);
    expect((await call("GET", "/api/v1/datasets?limit=1000", editor)).body).toMatchObject({
      status: 422,
      errors: { limit: expect.any(String) },
    });
  });

  it("page through datasets and records without repeats or gaps while more arrive", async () => {
    const viewer = await token(users.viewer, "viewer");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await call(
        "GET",
        `/api/v1/datasets?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        viewer,
      );
      seen.push(...page.body.data.map((dataset) => dataset.id));
      // A dataset created between pages comes first in the list, not inside the pages still to read.
      if (seen.length === 2)
        await db().dataset.create({
          data: { workspaceId: flow.workspaceId, name: `Between ${randomUUID()}` },
        });
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await db().dataset.findMany({
      where: { workspaceId: flow.workspaceId },
      select: { id: true, name: true },
    });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(all.length - 1);

    const first = await call("GET", `/api/v1/datasets/${flow.datasetId}/sample-records?limit=2`, viewer);
    expect(first.body.data.map((record: { number: number }) => record.number)).toEqual([3, 2]);
    await appendRecords(flow.datasetId, [{ n: 4 }, { n: 5 }]);
    const second = await call(
      "GET",
      `/api/v1/datasets/${flow.datasetId}/sample-records?limit=2&cursor=${first.body.nextCursor}`,
      viewer,
    );
    expect(second.body).toMatchObject({
      data: [{ number: 1, data: { n: 1, email: expect.any(String) } }],
      nextCursor: null,
    });
    const schema = await call("GET", `/api/v1/datasets/${flow.datasetId}/schema`, viewer);
    expect(schema.body.fields.map((field: { path: string }) => field.path)).toEqual(
      expect.arrayContaining(["n", "email"]),
    );
  });
});

describe("destinations", () => {
  it("are read, paused, activated and run as the page's buttons do, 409 when their state refuses it", async () => {
    const editor = await token(users.editor, "editor");
    const listed = await call("GET", "/api/v1/destinations", editor);
    expect(listed.body.data).toContainEqual(
      expect.objectContaining({ id: flow.destinationId, status: "draft", version: 1 }),
    );
    expect((await call("POST", `/api/v1/destinations/${flow.destinationId}/pause`, editor)).status).toBe(409);

    await activateDestination(flow.workspaceId, flow.destinationId);
    const conflict = await call("DELETE", `/api/v1/datasets/${flow.datasetId}`, editor);
    expect(conflict).toMatchObject({ status: 409, body: { detail: expect.stringMatching(/Pause/) } });
    const paused = await call("POST", `/api/v1/destinations/${flow.destinationId}/pause`, editor);
    expect(paused).toMatchObject({ status: 200, body: { status: "paused" } });
    expect((await call("POST", `/api/v1/destinations/${flow.destinationId}/run`, editor)).status).toBe(409);
    const active = await call("POST", `/api/v1/destinations/${flow.destinationId}/activate`, editor);
    expect(active).toMatchObject({ status: 200, body: { status: "active" } });

    const runs = await call("GET", `/api/v1/destinations/${flow.destinationId}/runs?limit=1`, editor);
    expect(runs.body.data).toHaveLength(1);
    const [newest] = runs.body.data;
    expect(newest).toMatchObject({ trigger: "activate", records: { planned: expect.any(Number) } });
    const one = await call("GET", `/api/v1/destinations/${flow.destinationId}/runs/${newest.id}`, editor);
    expect(one.body.id).toBe(newest.id);
    expect(runs.body.nextCursor).toBe(newest.id);
    const cancelled = await call(
      "GET",
      `/api/v1/destinations/${flow.destinationId}/runs?status=cancelled`,
      editor,
    );
    expect(cancelled.body.data.every((run: { status: string }) => run.status === "cancelled")).toBe(true);
    expect(cancelled.body.data.length).toBeGreaterThan(0);
  });
});

describe("credentials", () => {
  it("are created and changed with secrets that go in and never come out, by admins only, and tested", async () => {
    const secret = "api-secret-token-0123456789";
    const input = {
      connectorId: "http",
      name: "Warehouse API",
      values: { authType: "bearer", token: secret, testMethod: "GET", testPath: "/health" },
      baseUrl: "http://127.0.0.1:9",
    };
    const editor = await token(users.editor, "editor");
    expect((await call("POST", "/api/v1/credentials", editor, input)).status).toBe(403);

    const admin = await token(users.admin, "admin");
    const created = await call("POST", "/api/v1/credentials", admin, input);
    expect(created).toMatchObject({
      status: 201,
      body: {
        name: "Warehouse API",
        connectorId: "http",
        secretsSet: ["token"],
        settings: { authType: "bearer" },
      },
    });
    const id = created.body.id;
    const read = await fetch(`${server.url}/api/v1/credentials/${id}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(await read.text()).not.toContain(secret);
    const listed = await fetch(`${server.url}/api/v1/credentials`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(await listed.text()).not.toContain(secret);

    // Renamed without the secret: the saved one is kept.
    const renamed = await call("PUT", `/api/v1/credentials/${id}`, admin, {
      ...input,
      name: "Warehouse API (prod)",
      values: { ...input.values, token: "" },
    });
    expect(renamed).toMatchObject({
      status: 200,
      body: { name: "Warehouse API (prod)", secretsSet: ["token"] },
    });
    const invalid = await call("PUT", `/api/v1/credentials/${id}`, admin, { ...input, name: "" });
    expect(invalid).toMatchObject({ status: 422, body: { errors: { name: expect.any(String) } } });

    // Nothing listens on port 9: the test fails, saying why, and the status says so.
    const tested = await call("POST", `/api/v1/credentials/${id}/test`, admin);
    expect(tested).toMatchObject({
      status: 200,
      body: { ok: false, called: "GET http://127.0.0.1:9/health" },
    });
    expect((await call("GET", `/api/v1/credentials/${id}`, admin)).body.status).toBe("failed");
  });
});

describe("destinations as configuration", () => {
  it("are created, changed (a new version only when something changed), compared and deleted", async () => {
    const editor = await token(users.editor, "editor");
    const endpoint = {
      mode: "manual",
      connectorId: "http",
      method: "POST",
      url: "http://127.0.0.1:9/signups",
      headers: [{ name: "X-Team", value: "growth" }],
      contentFormat: "json",
      excludeAttributes: [],
      bodyTemplate: null,
      batching: { enabled: false, size: 1, grouping: "fixed", envelopeKey: null },
    };
    const base = { datasetId: flow.datasetId, connectorId: "http", credentialId: flow.credentialId };

    // Refused on the field at fault, and nothing is left behind.
    const before = await db().destination.count({ where: { workspaceId: flow.workspaceId } });
    const offScope = await call("POST", "/api/v1/destinations", editor, {
      ...base,
      name: "Elsewhere",
      endpoint: { ...endpoint, url: "https://elsewhere.example/signups" },
    });
    expect(offScope).toMatchObject({
      status: 422,
      body: { errors: { "endpoint.url": expect.stringMatching(/not on/) } },
    });
    expect(await db().destination.count({ where: { workspaceId: flow.workspaceId } })).toBe(before);

    const created = await call("POST", "/api/v1/destinations", editor, {
      ...base,
      name: "Signups by API",
      endpoint,
    });
    expect(created).toMatchObject({
      status: 201,
      body: { name: "Signups by API", status: "draft", version: 1 },
    });
    const id = created.body.id;
    const config = (await call("GET", `/api/v1/destinations/${id}/config`, editor)).body;
    expect(config).toMatchObject({
      version: 1,
      config: { name: "Signups by API", endpoint: { url: endpoint.url } },
    });

    const same = await call("PUT", `/api/v1/destinations/${id}`, editor, config.config);
    expect(same.body.version).toBe(1);
    const changed = await call("PUT", `/api/v1/destinations/${id}`, editor, {
      ...config.config,
      endpoint: { ...config.config.endpoint, headers: [{ name: "X-Team", value: "data" }] },
    });
    expect(changed).toMatchObject({ status: 200, body: { version: 2 } });
    const versions = await call("GET", `/api/v1/destinations/${id}/versions`, editor);
    expect(versions.body.data.map((row: { version: number }) => row.version)).toEqual([2, 1]);
    const changes = await call("GET", `/api/v1/destinations/${id}/versions/2/changes`, editor);
    expect(changes.body).toMatchObject({ from: 1, to: 2 });
    expect(JSON.stringify(changes.body.changes)).toMatch(/Request Headers/);
    expect((await call("GET", `/api/v1/destinations/${id}/versions/9/changes`, editor)).status).toBe(404);

    const settings = `/api/v1/destinations/${id}/delivery-settings`;
    const every15 = {
      schedule: "interval",
      intervalMinutes: 15,
      concurrency: 2,
      maxAttempts: 3,
      retryBaseSeconds: 5,
      requestTimeoutSeconds: 10,
    };
    expect(await call("PUT", settings, editor, every15)).toMatchObject({ status: 200, body: every15 });
    expect((await call("GET", settings, editor)).body).toEqual(every15);
    const badSettings = await call("PUT", settings, editor, { ...every15, concurrency: 0 });
    expect(badSettings).toMatchObject({ status: 422, body: { errors: { concurrency: "At least 1." } } });

    await activateDestination(flow.workspaceId, id);
    expect((await call("DELETE", `/api/v1/destinations/${id}`, editor)).status).toBe(409);
    expect((await call("POST", `/api/v1/destinations/${id}/pause`, editor)).status).toBe(200);
    expect((await call("DELETE", `/api/v1/destinations/${id}`, editor)).status).toBe(204);
    expect((await call("GET", `/api/v1/destinations/${id}`, editor)).status).toBe(404);
  });
});

describe("Request Inspectors", () => {
  it("are created, show what was sent to them, and are deleted", async () => {
    const editor = await token(users.editor, "editor");
    const created = await call("POST", "/api/v1/inspectors", editor, { name: "Script checks" });
    expect(created).toMatchObject({
      status: 201,
      body: { name: "Script checks", url: expect.stringContaining("/api/inspect/") },
    });
    const binId = created.body.id;
    await recordRequest(
      binId,
      "/hooks",
      new Request("http://localhost/api/inspect/x/hooks?a=1", {
        method: "POST",
        body: '{"hello":"world"}',
        headers: { "content-type": "application/json" },
      }),
    );
    const captured = await call("GET", `/api/v1/inspectors/${binId}/requests`, editor);
    expect(captured.body).toMatchObject({
      nextCursor: null,
      data: [{ method: "POST", path: "/hooks", body: '{"hello":"world"}' }],
    });
    expect((await call("GET", "/api/v1/inspectors", editor)).body.data).toContainEqual(
      expect.objectContaining({ id: binId, requestCount: 1 }),
    );
    expect((await call("DELETE", `/api/v1/inspectors/${binId}`, editor)).status).toBe(204);
    expect((await call("GET", `/api/v1/inspectors/${binId}/requests`, editor)).status).toBe(404);
    const viewer = await token(users.viewer, "viewer");
    expect((await call("POST", "/api/v1/inspectors", viewer, { name: "Not allowed" })).status).toBe(403);
  });

  it("are listed by pages, newest first, without repeats or gaps", async () => {
    const editor = await token(users.editor, "editor");
    for (const name of ["Page one", "Page two", "Page three"]) {
      expect((await call("POST", "/api/v1/inspectors", editor, { name })).status).toBe(201);
    }
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page = await call("GET", `/api/v1/inspectors?limit=2${query}`, editor);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      names.push(...page.body.data.map((bin: { name: string }) => bin.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(names.filter((name) => name.startsWith("Page "))).toEqual(["Page three", "Page two", "Page one"]);
    expect(new Set(names).size).toBe(names.length);
    expect((await call("GET", "/api/v1/inspectors?cursor=not%20an%20id", editor)).status).toBe(404);
  });
});

describe("the OpenAPI document", () => {
  it("describes exactly the routes there are, each with its methods", async () => {
    const routes = new Set<string>();
    for (const route of apiRouteFiles()) {
      if (route.path === "/api/v1/openapi.json") continue;
      for (const method of await routeMethods(route.file)) routes.add(`${method} ${route.path}`);
    }
    const documented = new Set<string>();
    const document = openApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> };
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    expect([...documented].sort()).toEqual([...routes].sort());
    const served = await fetch(`${server.url}/api/v1/openapi.json`);
    const body = await served.json();
    expect(body).toMatchObject({ openapi: "3.1.0", info: { title: "Outflow API" } });
    // Checked against OpenAPI 3.1's own JSON Schema, as client generators read it.
    const validation = await new Validator().validate(body);
    expect(validation.errors ?? []).toEqual([]);
    expect(validation.valid).toBe(true);
  });
});

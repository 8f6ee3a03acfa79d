/**
 * Destinations as code over real HTTP, and through `npm run outflow`: export, plan with no
 * changes, edit, plan one change, apply, export again.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { db, disconnectDb } from "@/lib/db/client";
import type { FlowsDocument } from "@/lib/flows/document";
import { type ApiServer, startApiServer } from "@/lib/testing/api-server";
import { createFlow, type Flow } from "@/lib/testing/delivery-fixtures";
import { createApiToken } from "./tokens";

let server: ApiServer;
let flow: Flow;
let token: string;

beforeAll(async () => {
  server = await startApiServer();
  flow = await createFlow({ sinkUrl: "http://127.0.0.1:9", records: 2, name: "Leads" });
  const id = randomUUID();
  await db().user.create({ data: { id, name: "Admin", email: `admin-${id}@example.com` } });
  await db().membership.create({ data: { workspaceId: flow.workspaceId, userId: id, role: "admin" } });
  token = (
    await createApiToken(
      { user: { id }, workspace: { id: flow.workspaceId }, role: "admin" },
      { name: "flows in CI", role: "admin", expiresInDays: null },
    )
  ).token;
});
afterAll(async () => {
  await server.close();
  await disconnectDb();
});

async function post(pathname: string, yaml: string) {
  const response = await fetch(`${server.url}${pathname}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/yaml" },
    body: yaml,
  });
  return { status: response.status, body: await response.json() };
}

/** The workspace as GET /api/v1/export writes it. */
async function exportDocument(): Promise<FlowsDocument> {
  const response = await fetch(`${server.url}/api/v1/export`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return parse(await response.text()) as FlowsDocument;
}

/** `npm run outflow -- <args>` against the test server: its exit code and what it printed. */
function outflow(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join("scripts", "outflow.ts"), ...args],
      { env: { NODE_ENV: "test", OUTFLOW_URL: server.url, OUTFLOW_API_TOKEN: token } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("flows as code", () => {
  it("round-trips: export, no changes, one edit planned in the diff's words, applied as a new version", async () => {
    const exported = await fetch(`${server.url}/api/v1/export`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(exported.headers.get("content-type")).toMatch(/^application\/yaml/);
    const yaml = await exported.text();
    const document = parse(yaml) as FlowsDocument;
    expect(document).toMatchObject({
      version: 1,
      datasets: [{ name: "Leads events" }],
      credentials: [{ name: "Leads API", connector: "http", secrets: { token: `\${LEADS_API_TOKEN}` } }],
      destinations: [{ name: "Leads", dataset: "Leads events", credential: "Leads API", connector: "http" }],
    });
    expect(yaml).not.toContain("sink-token");

    const unchanged = await post("/api/v1/plan", yaml);
    expect(unchanged.body).toMatchObject({ hasChanges: false, problems: [] });

    const dir = mkdtempSync(path.join(tmpdir(), "flows-"));
    const file = path.join(dir, "flows.yaml");
    writeFileSync(file, yaml);
    expect((await outflow(["plan", file])).code).toBe(0);

    // Edited in the file: one header more, and a new dataset.
    const edited = structuredClone(document);
    const destination = edited.destinations[0] as FlowsDocument["destinations"][number];
    destination.endpoint.headers = [...destination.endpoint.headers, { name: "X-Team", value: "growth" }];
    expect(destination.delivery).toMatchObject({ schedule: "continuous", concurrency: 4 });
    destination.delivery = {
      ...(destination.delivery as NonNullable<typeof destination.delivery>),
      concurrency: 2,
    };
    edited.datasets.push({ name: "Trials" });
    writeFileSync(file, stringify(edited));
    const planned = await outflow(["plan", file]);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain('+ create dataset "Trials"');
    expect(planned.stdout).toContain('~ change destination "Leads"');
    expect(planned.stdout).toContain("Request Headers: added X-Team: growth");
    expect(planned.stdout).toContain("Delivery: Concurrency: 4 → 2");
    expect(planned.stdout).toContain("Plan: 1 to create, 1 to change, 0 to delete.");

    const applied = await outflow(["apply", file]);
    expect(applied).toMatchObject({ code: 0 });
    expect(applied.stdout).toContain("Applied: 2 changes.");
    const row = await db().destination.findUniqueOrThrow({ where: { id: flow.destinationId } });
    expect(row).toMatchObject({ currentVersion: 2, concurrency: 2 });
    expect(await db().dataset.count({ where: { workspaceId: flow.workspaceId, name: "Trials" } })).toBe(1);

    expect((await outflow(["plan", file])).code).toBe(0);
    const again = parse(
      await (
        await fetch(`${server.url}/api/v1/export`, { headers: { authorization: `Bearer ${token}` } })
      ).text(),
    );
    expect(again).toEqual(parse(stringify(edited)));
  });

  it("creates a dataset, a credential and a destination using both in one apply", async () => {
    const exported = await exportDocument();
    const leads = exported.destinations[0] as FlowsDocument["destinations"][number];
    const leadsApi = exported.credentials[0] as FlowsDocument["credentials"][number];
    const document = {
      ...exported,
      datasets: [...exported.datasets, { name: "Signups" }],
      credentials: [
        ...exported.credentials,
        { ...leadsApi, name: "Signups API", secrets: { token: "t0ken" } },
      ],
      destinations: [
        ...exported.destinations,
        { ...leads, name: "Signups", dataset: "Signups", credential: "Signups API" },
      ],
    };
    const applied = await post("/api/v1/apply", stringify(document));
    expect(applied.status).toBe(200);
    const created = await db().destination.findFirstOrThrow({
      where: { workspaceId: flow.workspaceId, name: "Signups" },
      select: {
        currentVersion: true,
        dataset: { select: { name: true } },
        credential: { select: { name: true } },
      },
    });
    expect(created).toEqual({
      currentVersion: 1,
      dataset: { name: "Signups" },
      credential: { name: "Signups API" },
    });
  });

  it("applies in one transaction: a step refused on the way leaves the steps before it undone", async () => {
    const exported = await exportDocument();
    const document = {
      ...exported,
      datasets: [...exported.datasets, { name: "Rolled back" }],
      // Accepted by the plan (its secret is given), refused when saved: Hotjar needs its client ID.
      credentials: [
        ...exported.credentials,
        { name: "Hotjar EU", connector: "hotjar", settings: {}, secrets: { clientSecret: "s3cret" } },
      ],
    };
    const planned = await post("/api/v1/plan", stringify(document));
    expect(planned.body.problems).toEqual([]);
    expect(planned.body.items).toContainEqual(expect.objectContaining({ kind: "dataset", action: "create" }));

    const applied = await post("/api/v1/apply", stringify(document));
    expect(applied.status).toBe(422);
    expect(applied.body.detail).toMatch(
      /^Could not create credential "Hotjar EU": .+\. Nothing was applied\.$/,
    );
    expect(applied.body.detail).not.toContain("Some fields need attention");
    // On the field, where the document writes it.
    const index = document.credentials.length - 1;
    expect(applied.body.errors).toEqual({ [`credentials.${index}.settings.clientId`]: expect.any(String) });
    expect(await db().dataset.count({ where: { workspaceId: flow.workspaceId, name: "Rolled back" } })).toBe(
      0,
    );
    expect(await db().credential.count({ where: { workspaceId: flow.workspaceId, name: "Hotjar EU" } })).toBe(
      0,
    );
    expect(
      await db().auditEvent.count({ where: { workspaceId: flow.workspaceId, resourceName: "Rolled back" } }),
    ).toBe(0);
  });

  it("refuses a document with problems at their paths, and applies nothing", async () => {
    const document = {
      version: 1,
      destinations: [
        {
          name: "Broken",
          dataset: "No such dataset",
          connector: "http",
          endpoint: {
            mode: "manual",
            method: "POST",
            url: "http://127.0.0.1:9/x",
            headers: [],
            contentFormat: "json",
            excludeAttributes: [],
            bodyTemplate: null,
            batching: { enabled: false, size: 1, grouping: "fixed" },
          },
        },
      ],
    };
    const planned = await post("/api/v1/plan", stringify(document));
    expect(planned.body.problems).toContainEqual({
      path: "destinations.0.dataset",
      message: expect.stringMatching(/No dataset "No such dataset"/),
    });
    const before = await db().destination.count();
    const applied = await post("/api/v1/apply", stringify(document));
    expect(applied).toMatchObject({
      status: 422,
      body: { errors: { "destinations.0.dataset": expect.any(String) } },
    });
    expect(await db().destination.count()).toBe(before);
    expect((await post("/api/v1/plan", "version: [")).status).toBe(400);
    expect((await post("/api/v1/plan", "version: 2")).body).toMatchObject({
      status: 422,
      errors: { version: expect.any(String) },
    });
  });
});

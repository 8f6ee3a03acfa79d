/**
 * The REST API on a destination that delivers: its Request Log and Failed Records, over real HTTP
 * (lib/testing/api-server.ts), with a delivery worker and an API that refuses one record.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { activateDestination } from "@/lib/delivery/lifecycle";
import { type ApiServer, startApiServer } from "@/lib/testing/api-server";
import { createFlow, SINK_TOKEN, waitFor } from "@/lib/testing/delivery-fixtures";
import { deliveryHarness } from "@/lib/testing/delivery-harness";
import { createApiToken } from "./tokens";

const sink = deliveryHarness();
let server: ApiServer;

beforeAll(async () => {
  server = await startApiServer();
});
afterAll(async () => {
  await server.close();
});

async function editorToken(workspaceId: string): Promise<string> {
  const id = randomUUID();
  await db().user.create({ data: { id, name: "Editor", email: `editor-${id}@example.com` } });
  await db().membership.create({ data: { workspaceId, userId: id, role: "editor" } });
  const created = await createApiToken(
    { user: { id }, workspace: { id: workspaceId }, role: "editor" },
    { name: "delivery script", role: "editor", expiresInDays: null },
  );
  return created.token;
}

async function call(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("a delivering destination through the API", () => {
  it("shows its requests, lists the refused record with its reason, edits, retries and discards failed records", async () => {
    // Record 2 is refused for good until it carries a valid email.
    sink.respond = (request) => {
      const record = JSON.parse(request.body) as { n: number; email: string };
      return record.n === 2 && !record.email.endsWith("@example.org")
        ? { status: 422, body: '{"message":"email is not deliverable"}' }
        : { status: 200, body: '{"ok":true}' };
    };
    const flow = await createFlow({ sinkUrl: sink.url, records: 3, settings: { maxAttempts: 1 } });
    const token = await editorToken(flow.workspaceId);
    const base = `/api/v1/destinations/${flow.destinationId}`;
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("the run to end", async () => {
      const run = await db().run.findFirst({ where: { destinationId: flow.destinationId } });
      return run !== null && run.status !== "running";
    });

    const requests = await call("GET", `${base}/requests`, token);
    expect(requests.body.data).toHaveLength(3);
    expect(requests.body.data.map((entry: { status: number }) => entry.status).sort()).toEqual([
      200, 200, 422,
    ]);
    const refused = requests.body.data.find((entry: { status: number }) => entry.status === 422);
    const detail = await call("GET", `${base}/requests/${refused.id}`, token);
    expect(detail.body).toMatchObject({
      status: 422,
      requestHeaders: { authorization: expect.stringMatching(/^Bearer ••••/) },
    });
    expect(JSON.stringify(detail.body)).not.toContain(SINK_TOKEN);
    expect(detail.body.responseBody).toContain("email is not deliverable");
    expect((await call("GET", `${base}/requests?status=2xx`, token)).body.data).toHaveLength(2);

    const failed = await call("GET", `${base}/failed-records`, token);
    expect(failed.body).toMatchObject({
      total: 1,
      nextCursor: null,
      data: [{ recordNumber: 2, payload: { n: 2 } }],
    });
    expect(failed.body.data[0].reason).toMatch(/email is not deliverable/);
    const [letter] = failed.body.data;

    const edited = { ...letter.payload, email: "two@example.org" };
    expect(
      (await call("PUT", `${base}/failed-records/${letter.id}`, token, { payload: edited })).status,
    ).toBe(204);
    const retried = await call("POST", `${base}/failed-records/retry`, token, { ids: [letter.id] });
    expect(retried).toMatchObject({ status: 202, body: { records: 1 } });
    await waitFor("the edited record to arrive", () =>
      sink.requests.some((request) => request.body.includes("two@example.org")),
    );
    expect((await call("GET", `${base}/failed-records`, token)).body.total).toBe(0);

    // Nothing left to retry: refused with the reason; discard takes what matches a filter.
    expect((await call("POST", `${base}/failed-records/retry`, token, {})).status).toBe(422);
    expect(
      (await call("POST", `${base}/failed-records/discard`, token, { filter: { text: "nothing" } })).body,
    ).toEqual({
      discarded: 0,
    });
  });
});

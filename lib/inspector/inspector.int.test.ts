import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "@/lib/actions/user-error";
import { db, disconnectDb } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/reset-database";
import { POST } from "../../app/api/inspect/[binId]/[[...path]]/route";
import { createBin } from "./create-bin";
import { deleteBin } from "./delete-bin";
import { findBin } from "./find-bin";
import {
  MAX_BINS_PER_WORKSPACE,
  MAX_REQUEST_BODY_BYTES,
  MAX_REQUESTS_PER_BIN,
  MAX_REQUESTS_PER_BIN_PER_MINUTE,
  MAX_STORED_BODY_BYTES,
  MAX_STORED_BYTES_PER_WORKSPACE,
} from "./limits";
import { listBins } from "./list-bins";
import { listRequests } from "./list-requests";
import { recordRequest } from "./record-request";
import { toRequestJson } from "./request-json";

beforeEach(resetDatabase);
afterAll(disconnectDb);

async function newWorkspace(name = "Acme") {
  return (await db().workspace.create({ data: { name } })).id;
}

function send(binId: string, init: RequestInit & { subPath?: string; search?: string } = {}) {
  const { subPath = "/", search = "", ...rest } = init;
  const request = new Request(`http://localhost/api/inspect/${binId}${subPath}${search}`, {
    method: "POST",
    ...rest,
  });
  return recordRequest(binId, subPath, request);
}

async function recordedId(outcome: Awaited<ReturnType<typeof send>>): Promise<bigint> {
  if (outcome.kind !== "recorded") throw new Error(`expected a recorded request, got ${outcome.kind}`);
  return outcome.id;
}

describe("recording requests", () => {
  it("keeps method, sub-path, query, headers and body, and lists them newest first", async () => {
    const workspaceId = await newWorkspace();
    const bin = await createBin(workspaceId, "Signups");
    expect(bin.id).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const first = await recordedId(
      await send(bin.id, {
        subPath: "/v1/events",
        search: "?source=test&api_key=abcdefghijkl1234",
        headers: {
          "content-type": "application/json",
          authorization: "Bearer secret-token-abcd",
          cookie: "session=outflow",
          connection: "keep-alive, x-hop",
          "x-hop": "dropped",
          "x-forwarded-for": "203.0.113.9",
          "x-outflow-socket-address": "198.51.100.3",
          "x-custom": "kept",
          "idempotency-key": "flow-1-batch-0000001",
        },
        body: JSON.stringify({ event: "signup", email: "ada@example.com" }),
      }),
    );
    const second = await recordedId(await send(bin.id, { method: "GET" }));

    const requests = await listRequests(workspaceId, bin.id);
    expect(requests?.map((r) => r.id)).toEqual([second, first]);
    const json = toRequestJson(requests?.[1] as NonNullable<typeof requests>[number]);
    expect(json).toMatchObject({
      id: first.toString(),
      method: "POST",
      path: "/v1/events",
      query: "source=test&api_key=••••1234",
      body: '{"event":"signup","email":"ada@example.com"}',
      bodyEncoding: "utf8",
      truncated: false,
    });
    const headers = Object.fromEntries(json.headers);
    expect(headers).toMatchObject({
      "content-type": "application/json",
      "x-custom": "kept",
      "idempotency-key": "flow-1-batch-0000001",
    });
    expect(headers.authorization).toBe("Bearer ••••abcd");
    expect(Object.keys(headers)).not.toContain("cookie");
    expect(Object.keys(headers)).not.toContain("connection");
    expect(Object.keys(headers)).not.toContain("x-hop");
    expect(Object.keys(headers)).not.toContain("x-forwarded-for");
    expect(Object.keys(headers)).not.toContain("x-outflow-socket-address");
    expect(toRequestJson(requests?.[0] as NonNullable<typeof requests>[number])).toMatchObject({
      method: "GET",
      path: "/",
      query: "",
      body: "",
      bodyBytes: 0,
    });

    const [summary] = await listBins(workspaceId);
    expect(summary).toMatchObject({ id: bin.id, name: "Signups", requestCount: 2 });
    expect(summary?.lastRequestAt).toBeInstanceOf(Date);
  });

  it("pages back by id and returns only newer requests after a cursor", async () => {
    const workspaceId = await newWorkspace();
    const bin = await createBin(workspaceId, "Paging");
    const ids: bigint[] = [];
    for (let i = 0; i < 3; i++) ids.push(await recordedId(await send(bin.id, { body: `n${i}` })));
    expect((await listRequests(workspaceId, bin.id, { before: ids[2] }))?.map((r) => r.body)).toEqual([
      "n1",
      "n0",
    ]);
    expect((await listRequests(workspaceId, bin.id, { after: ids[0] }))?.map((r) => r.body)).toEqual([
      "n2",
      "n1",
    ]);
    expect(await listRequests(workspaceId, bin.id, { after: ids[2] })).toEqual([]);
  });

  it("answers unknown-bin for an id that does not exist", async () => {
    expect(await send("no-such-inspector", { body: "x" })).toEqual({ kind: "unknown-bin" });
  });
});

describe("caps", () => {
  it("keeps the first 256 KiB of a body and marks it truncated, with the full size", async () => {
    const workspaceId = await newWorkspace();
    const bin = await createBin(workspaceId, "Big");
    const size = MAX_STORED_BODY_BYTES + 1000;
    await recordedId(await send(bin.id, { body: "a".repeat(size) }));
    const [stored] = (await listRequests(workspaceId, bin.id)) ?? [];
    expect(stored?.truncated).toBe(true);
    expect(stored?.bodyBytes).toBe(size);
    expect(stored?.body.length).toBe(MAX_STORED_BODY_BYTES);
  });

  it("stores a binary body as base64 and says so", async () => {
    const workspaceId = await newWorkspace();
    const bin = await createBin(workspaceId, "Binary");
    const bytes = new Uint8Array([0, 1, 2, 255, 254]);
    await recordedId(
      await send(bin.id, { body: bytes, headers: { "content-type": "application/octet-stream" } }),
    );
    const [stored] = (await listRequests(workspaceId, bin.id)) ?? [];
    const json = toRequestJson(stored as NonNullable<typeof stored>);
    expect(json.bodyEncoding).toBe("base64");
    expect(Buffer.from(json.body, "base64")).toEqual(Buffer.from(bytes));
  });

  it("refuses a body over 1 MiB, streamed or declared, and stores nothing", async () => {
    const workspaceId = await newWorkspace();
    const bin = await createBin(workspaceId, "Oversize");
    const oversize = new Uint8Array(MAX_REQUEST_BODY_BYTES + 1).fill(97);
    expect(await send(bin.id, { body: oversize })).toEqual({ kind: "too-large" });
    expect(
      await send(bin.id, {
        body: "small",
        headers: { "content-length": String(MAX_REQUEST_BODY_BYTES + 1) },
      }),
    ).toEqual({ kind: "too-large" });
    expect(await send(bin.id, { body: new Uint8Array(MAX_REQUEST_BODY_BYTES).fill(97) })).toMatchObject({
      kind: "recorded",
    });
    expect(await db().inspectorRequest.count({ where: { binId: bin.id } })).toBe(1);
  });

  it("keeps only the newest 500 requests of an inspector", async () => {
    const workspaceId = await newWorkspace();
    const bin = await createBin(workspaceId, "Busy");
    await db().inspectorRequest.createMany({
      data: Array.from({ length: MAX_REQUESTS_PER_BIN }, (_, i) => ({
        binId: bin.id,
        method: "POST",
        path: "/",
        query: "",
        headers: { list: [], bodyEncoding: "utf8" },
        body: `old ${i}`,
        bodyBytes: 5,
      })),
    });
    const newest = await recordedId(await send(bin.id, { body: "new 1" }));
    await recordedId(await send(bin.id, { body: "new 2" }));

    const kept = await db().inspectorRequest.findMany({ where: { binId: bin.id }, orderBy: { id: "asc" } });
    expect(kept).toHaveLength(MAX_REQUESTS_PER_BIN);
    expect(kept[0]?.body).toBe("old 2");
    expect(kept.at(-2)?.id).toBe(newest);
    expect(kept.at(-1)?.body).toBe("new 2");
  });

  it("holds the cap when requests arrive at the same time", async () => {
    const workspaceId = await newWorkspace();
    const bin = await createBin(workspaceId, "Burst");
    const burst = MAX_REQUESTS_PER_BIN + 20;
    const outcomes = await Promise.all(
      Array.from({ length: burst }, (_, i) => send(bin.id, { body: `${i}` })),
    );
    expect(outcomes.every((outcome) => outcome.kind === "recorded")).toBe(true);
    expect(await db().inspectorRequest.count({ where: { binId: bin.id } })).toBe(MAX_REQUESTS_PER_BIN);
  });

  it("allows at most 50 inspectors per workspace", async () => {
    const workspaceId = await newWorkspace();
    const otherId = await newWorkspace("Other");
    await db().inspectorBin.createMany({
      data: Array.from({ length: MAX_BINS_PER_WORKSPACE }, (_, i) => ({
        id: `bin-${i}`,
        workspaceId,
        name: `#${i}`,
      })),
    });
    await expect(createBin(workspaceId, "One too many")).rejects.toThrow(UserError);
    await expect(createBin(otherId, "Elsewhere")).resolves.toMatchObject({ name: "Elsewhere" });
  });
});

describe("workspace scoping", () => {
  it("treats another workspace's inspector as not found", async () => {
    const ownerId = await newWorkspace("Owner");
    const strangerId = await newWorkspace("Stranger");
    const bin = await createBin(ownerId, "Private");
    await recordedId(await send(bin.id, { body: "hello" }));

    expect(await findBin(strangerId, bin.id)).toBeNull();
    expect(await listRequests(strangerId, bin.id)).toBeNull();
    expect(await listBins(strangerId)).toEqual([]);
    expect(await deleteBin(strangerId, bin.id)).toBe(false);
    expect(await findBin(ownerId, bin.id)).toMatchObject({ name: "Private" });

    expect(await deleteBin(ownerId, bin.id)).toBe(true);
    expect(await db().inspectorRequest.count()).toBe(0);
    expect(await send(bin.id, { body: "after delete" })).toEqual({ kind: "unknown-bin" });
  });
});

describe("limits on what anonymous senders can store", () => {
  it("drops a workspace's oldest requests, across its inspectors, beyond the byte cap", async () => {
    const workspaceId = await newWorkspace();
    const otherId = await newWorkspace("Other");
    const older = await createBin(workspaceId, "Older");
    const newer = await createBin(workspaceId, "Newer");
    const elsewhere = await createBin(otherId, "Elsewhere");
    const megabyte = "x".repeat(1_000_000);
    const row = (binId: string, i: number) => ({
      binId,
      method: "POST",
      path: "/",
      query: "",
      headers: { list: [], bodyEncoding: "utf8" },
      body: `${i} ${megabyte}`,
      bodyBytes: megabyte.length,
    });
    // 26 MB in the workspace, oldest first in the older inspector; 3 MB in another workspace.
    await db().inspectorRequest.createMany({ data: Array.from({ length: 13 }, (_, i) => row(older.id, i)) });
    await db().inspectorRequest.createMany({
      data: Array.from({ length: 13 }, (_, i) => row(newer.id, 13 + i)),
    });
    await db().inspectorRequest.createMany({
      data: Array.from({ length: 3 }, (_, i) => row(elsewhere.id, i)),
    });

    await recordedId(await send(newer.id, { body: "the newest" }));

    const [total] = await db().$queryRaw<{ bytes: bigint }[]>`
      SELECT COALESCE(SUM(octet_length(r.body)), 0)::bigint AS bytes
      FROM inspector_requests r JOIN inspector_bins b ON b.id = r.bin_id
      WHERE b.workspace_id = ${workspaceId}::uuid`;
    expect(Number(total?.bytes)).toBeLessThanOrEqual(MAX_STORED_BYTES_PER_WORKSPACE);
    const kept = await db().inspectorRequest.findMany({
      where: { bin: { workspaceId } },
      orderBy: { id: "asc" },
      select: { body: true },
    });
    // The oldest went first: what is left is the newest run of requests, ending with the new one.
    expect(kept.at(-1)?.body).toBe("the newest");
    expect(kept[0]?.body.startsWith(`${26 - (kept.length - 1)} `)).toBe(true);
    expect(await db().inspectorRequest.count({ where: { binId: elsewhere.id } })).toBe(3);
  });

  it("answers 429 with Retry-After once an inspector's per-minute allowance is used up", async () => {
    const workspaceId = await newWorkspace();
    const busy = await createBin(workspaceId, "Busy");
    const quiet = await createBin(workspaceId, "Quiet");
    const post = (binId: string) =>
      POST(new Request(`http://localhost/api/inspect/${binId}`, { method: "POST", body: "{}" }), {
        params: Promise.resolve({ binId }),
      });
    // The allowance is counted in Postgres, so it holds across Outflow processes.
    await db().$executeRaw`
      INSERT INTO rate_limiter_points (key, points, expire)
      VALUES (${`inspector-bin:${busy.id}`}, ${MAX_REQUESTS_PER_BIN_PER_MINUTE - 1}, ${Date.now() + 60_000})`;

    expect((await post(busy.id)).status).toBe(200);
    const refused = await post(busy.id);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: string }).error).toMatch(
      new RegExp(`at most ${MAX_REQUESTS_PER_BIN_PER_MINUTE} requests a minute\\. Try again in \\d+ seconds`),
    );
    expect(await db().inspectorRequest.count({ where: { binId: busy.id } })).toBe(1);
    // Another inspector has its own allowance.
    expect((await post(quiet.id)).status).toBe(200);
  });
});

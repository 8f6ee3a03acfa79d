import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireDatabaseUrl } from "@/lib/config";
import { db, disconnectDb } from "@/lib/db/client";
import { LATENCY_BUCKETS_MS } from "@/lib/delivery/latency-buckets";
import { activateDestination } from "@/lib/delivery/lifecycle";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery/worker";
import { completeDestination, getDestination } from "@/lib/destinations/manage-destinations";
import { createFlow, type Flow, waitFor } from "@/lib/testing/delivery-fixtures";
import { resetDatabase } from "@/lib/testing/reset-database";
import { type Sink, startSink } from "@/lib/testing/sink";
import { getDestinationRun, listDestinationRuns } from "./destination-runs";
import { readDestinationStats } from "./destination-stats";
import { compareVersions } from "./destination-versions";
import { getRequest, listRequests, REQUESTS_PAGE_SIZE } from "./request-log";
import { groupRunErrors } from "./run-errors";

let sink: Sink;
let worker: DeliveryWorker;
let flow: Flow;
let runId: string;
let otherWorkspaceId: string;

const RECORDS = 60;
/** Refused for good with 422: every fifth record. */
const refused = (n: number) => n % 5 === 0;
/** Answered 503 once, then delivered: every seventh that is not refused. */
const busyOnce = (n: number) => n % 7 === 0 && !refused(n);

beforeAll(async () => {
  await resetDatabase();
  sink = await startSink();
  worker = await startDeliveryWorker(requireDatabaseUrl());
  const seen = new Set<number>();
  sink.respond = (request) => {
    const { n } = JSON.parse(request.body) as { n: number };
    if (refused(n)) return { status: 422, body: JSON.stringify({ message: `invalid record ${n}` }) };
    if (busyOnce(n) && !seen.has(n)) {
      seen.add(n);
      return { status: 503, body: "busy" };
    }
    return { status: 200, body: '{"ok":true}' };
  };
  flow = await createFlow({ sinkUrl: sink.url, records: RECORDS, settings: { retryBaseSeconds: 0.1 } });
  otherWorkspaceId = (await db().workspace.create({ data: { name: "Someone else" } })).id;
  await activateDestination(flow.workspaceId, flow.destinationId);
  await waitFor("the run to finish", async () => {
    const run = await db().run.findFirst({ where: { destinationId: flow.destinationId } });
    return run !== null && run.status !== "running";
  });
  runId = (await db().run.findFirstOrThrow({ where: { destinationId: flow.destinationId } })).id;
}, 60_000);

afterAll(async () => {
  await worker.stop();
  await sink.close();
  await disconnectDb();
});

const refusedCount = Array.from({ length: RECORDS }, (_, i) => i + 1).filter(refused).length;
const busyCount = Array.from({ length: RECORDS }, (_, i) => i + 1).filter(busyOnce).length;

describe("a run's errors grouped by message", () => {
  it("counts each message's requests and failed records, with when it was first seen and samples", async () => {
    const attempts = await db().deliveryAttempt.findMany({ where: { runId }, orderBy: { id: "asc" } });
    const groups = await groupRunErrors(flow.workspaceId, flow.destinationId, runId);
    expect(groups).not.toBeNull();

    const refusedAttempts = attempts.filter((attempt) => attempt.status === 422);
    const busyAttempts = attempts.filter((attempt) => attempt.status === 503);
    expect(refusedAttempts).toHaveLength(refusedCount);
    expect(busyAttempts).toHaveLength(busyCount);
    // One kind for every 503, and one for the 422s, whose messages differ only in the record's number.
    const busyGroup = groups?.find((group) => group.message === busyAttempts[0]?.errorMessage);
    expect(busyGroup).toMatchObject({
      requests: busyCount,
      records: 0,
      firstSeen: busyAttempts[0]?.startedAt,
      sampleRequestIds: busyAttempts.slice(0, 5).map((attempt) => attempt.id.toString()),
      sampleRecords: [],
    });

    const letters = await db().deadLetter.findMany({ where: { runId }, orderBy: { id: "asc" } });
    expect(letters).toHaveLength(refusedCount);
    const refusedGroup = groups?.find((group) => group.message.includes("invalid record N"));
    expect(refusedGroup).toMatchObject({
      requests: refusedCount,
      records: refusedCount,
      sampleRequestIds: refusedAttempts.slice(0, 5).map((attempt) => attempt.id.toString()),
    });
    expect(refusedGroup?.sampleRecords).toHaveLength(5);
    expect(refusedGroup?.sampleRecords.every((number) => /^#\d+$/.test(number))).toBe(true);
    expect(refusedGroup?.example).toMatch(/invalid record \d+/);
    const firstSeen = Math.min(
      ...refusedAttempts.map((attempt) => attempt.startedAt.getTime()),
      ...letters.map((letter) => letter.createdAt.getTime()),
    );
    expect(refusedGroup?.firstSeen.getTime()).toBe(firstSeen);
    expect(groups).toHaveLength(2);
    // The most frequent first.
    expect(groups?.[0]).toBe(busyCount > refusedCount ? busyGroup : refusedGroup);
  });

  it("groups many records refused with one message and keeps five samples", async () => {
    const same = await createFlow({ sinkUrl: `${sink.url}/same`, records: 8, name: "Same", alongside: flow });
    const before = sink.respond;
    sink.respond = () => ({ status: 400, body: '{"message":"schema mismatch"}' });
    try {
      await activateDestination(same.workspaceId, same.destinationId);
      await waitFor("the run to finish", async () => {
        const run = await db().run.findFirst({ where: { destinationId: same.destinationId } });
        return run !== null && run.status !== "running";
      });
    } finally {
      sink.respond = before;
    }
    const run = await db().run.findFirstOrThrow({ where: { destinationId: same.destinationId } });
    const groups = await groupRunErrors(same.workspaceId, same.destinationId, run.id);
    expect(groups).toHaveLength(1);
    const records = await db().datasetRecord.findMany({ where: { datasetId: same.datasetId } });
    const letters = await db().deadLetter.findMany({
      where: { runId: run.id },
      orderBy: { id: "asc" },
      take: 5,
    });
    expect(groups?.[0]).toMatchObject({ requests: 8, records: 8 });
    // The first five failed records, by their numbers in the dataset.
    const numberOf = new Map(records.map((record) => [record.id, `#${record.position}`]));
    expect(groups?.[0]?.sampleRecords).toEqual(letters.map((letter) => numberOf.get(letter.recordId ?? 0n)));
    expect(new Set(groups?.[0]?.sampleRecords).size).toBe(5);
  });

  it("makes one 429 episode one group, recovered once every record is delivered", async () => {
    const limited = await createFlow({
      sinkUrl: `${sink.url}/limited`,
      records: 6,
      name: "Limited",
      alongside: flow,
    });
    const before = sink.respond;
    // Every request is refused once with 429, each answer naming its own second to come back.
    const seen = new Set<string>();
    sink.respond = (request) => {
      if (seen.has(request.body)) return { status: 200, body: '{"ok":true}' };
      seen.add(request.body);
      return {
        status: 429,
        headers: { "retry-after": String(seen.size % 3) },
        body: '{"message":"slow down"}',
      };
    };
    try {
      await activateDestination(limited.workspaceId, limited.destinationId);
      await waitFor(
        "the run to finish",
        async () => {
          const run = await db().run.findFirst({ where: { destinationId: limited.destinationId } });
          return run !== null && run.status !== "running";
        },
        30_000,
      );
    } finally {
      sink.respond = before;
    }
    const run = await db().run.findFirstOrThrow({ where: { destinationId: limited.destinationId } });
    expect(run.status).toBe("succeeded");
    const messages = await db().deliveryAttempt.findMany({
      where: { runId: run.id, status: 429 },
      select: { errorMessage: true },
    });
    expect(messages).toHaveLength(6);
    // The positive control: the messages differ (each names its own time to come back).
    expect(new Set(messages.map((attempt) => attempt.errorMessage)).size).toBeGreaterThan(1);
    const groups = await groupRunErrors(limited.workspaceId, limited.destinationId, run.id);
    expect(groups).toHaveLength(1);
    expect(groups?.[0]).toMatchObject({ requests: 6, records: 0 });
  });

  it("is not found from another workspace", async () => {
    expect(await groupRunErrors(otherWorkspaceId, flow.destinationId, runId)).toBeNull();
    expect(await getDestinationRun(otherWorkspaceId, flow.destinationId, runId)).toBeNull();
  });
});

describe("the request log", () => {
  it("pages every attempt newest first by id, older and back newer", async () => {
    const all = await db().deliveryAttempt.findMany({
      where: { destinationId: flow.destinationId },
      orderBy: { id: "desc" },
      select: { id: true },
    });
    expect(all).toHaveLength(RECORDS + busyCount);
    const ids = all.map((attempt) => attempt.id.toString());

    const first = await listRequests(flow.workspaceId, flow.destinationId, {});
    expect(first?.entries.map((entry) => entry.id)).toEqual(ids.slice(0, REQUESTS_PAGE_SIZE));
    expect(first?.newerCursor).toBeNull();
    expect(first?.olderCursor).toBe(ids[REQUESTS_PAGE_SIZE - 1]);

    const second = await listRequests(flow.workspaceId, flow.destinationId, { before: first?.olderCursor });
    expect(second?.entries.map((entry) => entry.id)).toEqual(ids.slice(REQUESTS_PAGE_SIZE));
    expect(second?.olderCursor).toBeNull();
    expect(second?.newerCursor).toBe(ids[REQUESTS_PAGE_SIZE]);

    const back = await listRequests(flow.workspaceId, flow.destinationId, { after: second?.newerCursor });
    expect(back?.entries.map((entry) => entry.id)).toEqual(ids.slice(0, REQUESTS_PAGE_SIZE));
    expect(back?.newerCursor).toBeNull();
  });

  it("filters by status class and by text in the URL or the error message", async () => {
    const list = (query: Parameters<typeof listRequests>[2]) =>
      listRequests(flow.workspaceId, flow.destinationId, query).then((page) => page?.entries ?? []);

    const clientErrors = await list({ status: "4xx" });
    expect(clientErrors).toHaveLength(refusedCount);
    expect(clientErrors.every((entry) => entry.status === 422 && entry.outcome === "failed")).toBe(true);
    const serverErrors = await list({ status: "5xx" });
    expect(serverErrors).toHaveLength(busyCount);
    expect(serverErrors.every((entry) => entry.status === 503 && entry.outcome === "retry")).toBe(true);
    expect(await list({ status: "2xx" })).toHaveLength(Math.min(REQUESTS_PAGE_SIZE, RECORDS - refusedCount));
    expect(await list({ status: "3xx" })).toHaveLength(0);
    expect(await list({ status: "network" })).toHaveLength(0);

    // The API's message is part of the attempt's error message, case aside.
    const fifteen = await list({ q: "INVALID RECORD 15" });
    expect(fifteen).toHaveLength(1);
    expect(fifteen[0]?.errorMessage).toContain("invalid record 15");
    expect(await list({ q: "/EVENTS", status: "5xx" })).toHaveLength(busyCount);
    expect(await list({ q: "/nowhere" })).toHaveLength(0);
    // LIKE's wildcards are matched as themselves.
    expect(await list({ q: "%" })).toHaveLength(0);
  });

  it("looks at a bounded number of attempts per filtered page, and Older goes on from there", async () => {
    const busy = await db().deliveryAttempt.findMany({
      where: { destinationId: flow.destinationId, status: 503 },
      orderBy: { id: "desc" },
      select: { id: true },
    });
    const seen: string[] = [];
    let limitedPages = 0;
    let before: string | null | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await listRequests(flow.workspaceId, flow.destinationId, {
        status: "5xx",
        before,
        scanLimit: 10,
      });
      seen.push(...(page?.entries.map((entry) => entry.id) ?? []));
      if (page?.scanLimited) limitedPages++;
      before = page?.olderCursor;
      if (!before) break;
    }
    expect(seen).toEqual(busy.map((attempt) => attempt.id.toString()));
    expect(limitedPages).toBeGreaterThanOrEqual(5); // 67 attempts, 10 at a time

    // Newer walks back the same way.
    const oldest = await listRequests(flow.workspaceId, flow.destinationId, {
      status: "5xx",
      before: busy.at(-1)?.id.toString(),
      scanLimit: 10,
    });
    expect(oldest?.entries).toHaveLength(0);
    const back: string[] = [];
    let after: string | null | undefined = oldest?.newerCursor;
    for (let pages = 0; after && pages < 20; pages++) {
      const page = await listRequests(flow.workspaceId, flow.destinationId, {
        status: "5xx",
        after,
        scanLimit: 10,
      });
      back.unshift(...(page?.entries.map((entry) => entry.id) ?? []));
      after = page?.newerCursor;
    }
    expect(back).toEqual(busy.map((attempt) => attempt.id.toString()));
  });

  it("opens one attempt with its masked request and the response", async () => {
    const [entry] = await listRequests(flow.workspaceId, flow.destinationId, { status: "4xx" }).then(
      (page) => page?.entries ?? [],
    );
    const detail = await getRequest(flow.workspaceId, flow.destinationId, entry?.id ?? "");
    expect(detail).toMatchObject({ method: "POST", status: 422, outcome: "failed", runId });
    expect(detail?.url).toBe(`${sink.url}/events`);
    expect(detail?.requestHeaders.authorization).toMatch(/^Bearer ••••/);
    expect(JSON.stringify(detail)).not.toContain("sink-token-0123456789abcdef");
    expect(detail?.responseBody).toContain("invalid record");
    expect(detail?.requestBody).toMatch(/"n":\s*\d+/);
    // A delivered request names the records it carried by their numbers in the dataset.
    const [delivered] = await listRequests(flow.workspaceId, flow.destinationId, { status: "2xx" }).then(
      (page) => page?.entries ?? [],
    );
    const deliveredDetail = await getRequest(flow.workspaceId, flow.destinationId, delivered?.id ?? "");
    expect(deliveredDetail?.records).toMatch(/^#\d+$/);

    expect(await getRequest(otherWorkspaceId, flow.destinationId, entry?.id ?? "")).toBeNull();
    expect(await listRequests(otherWorkspaceId, flow.destinationId, {})).toBeNull();
  });

  it("lists one run's requests only", async () => {
    const page = await listRequests(flow.workspaceId, flow.destinationId, { runId, status: "5xx" });
    expect(page?.entries).toHaveLength(busyCount);
    expect(page?.entries.every((entry) => entry.runId === runId)).toBe(true);
  });
});

describe("the overview", () => {
  it("agrees with the run and the attempts recorded", async () => {
    const stats = await readDestinationStats(flow.workspaceId, flow.destinationId);
    const run = await db().run.findFirstOrThrow({ where: { id: runId } });
    const attempts = await db().deliveryAttempt.findMany({ where: { destinationId: flow.destinationId } });
    const failedRequests = attempts.filter((attempt) => attempt.outcome !== "delivered").length;
    expect(run).toMatchObject({ recordsDelivered: RECORDS - refusedCount, recordsFailed: refusedCount });

    const sum = (
      buckets: NonNullable<typeof stats>["hourly"],
      pick: (b: (typeof buckets)[number]) => number,
    ) => buckets.reduce((total, bucket) => total + pick(bucket), 0);
    for (const buckets of [stats?.hourly ?? [], stats?.daily ?? []]) {
      expect(sum(buckets, (b) => b.recordsDelivered)).toBe(run.recordsDelivered);
      expect(sum(buckets, (b) => b.recordsFailed)).toBe(run.recordsFailed);
      expect(sum(buckets, (b) => b.requests)).toBe(attempts.length);
      expect(sum(buckets, (b) => b.requestsFailed)).toBe(failedRequests);
    }
    expect(stats?.hourly).toHaveLength(48);
    expect(stats?.daily).toHaveLength(30);
    for (const summary of [stats?.last48Hours, stats?.last30Days, stats?.allTime]) {
      expect(summary).toMatchObject({
        recordsDelivered: run.recordsDelivered,
        recordsFailed: run.recordsFailed,
        requests: attempts.length,
        requestsFailed: failedRequests,
        errorRate: run.recordsFailed / (run.recordsDelivered + run.recordsFailed),
      });
      // The percentiles are the bucket bounds of the attempts' own recorded durations.
      expect(summary?.p50Ms).toBe(
        bucketBoundOf(
          attempts.map((a) => a.durationMs),
          50,
        ),
      );
      expect(summary?.p95Ms).toBe(
        bucketBoundOf(
          attempts.map((a) => a.durationMs),
          95,
        ),
      );
    }
    // All time adds the same hours' latency histograms: the same percentiles here.
    expect(stats?.allTime.p95Ms).toBe(stats?.last30Days.p95Ms);
    expect(stats?.allTime.p50Ms).not.toBeNull();
    // Another test here saves a second version: the overview names whichever is current.
    const { currentVersion } = await db().destination.findUniqueOrThrow({
      where: { id: flow.destinationId },
    });
    expect(stats?.currentVersion).toBe(currentVersion);
    expect(await readDestinationStats(otherWorkspaceId, flow.destinationId)).toBeNull();
  });
});

describe("runs and versions", () => {
  it("filters runs by outcome", async () => {
    const partial = await listDestinationRuns(flow.workspaceId, flow.destinationId, {
      outcome: "partially_failed",
    });
    expect(partial?.runs.map((run) => run.id)).toEqual([runId]);
    const succeeded = await listDestinationRuns(flow.workspaceId, flow.destinationId, {
      outcome: "succeeded",
    });
    expect(succeeded?.total).toBe(0);
    expect(await listDestinationRuns(otherWorkspaceId, flow.destinationId)).toBeNull();
  });

  it("shows what changed between two saved versions", async () => {
    const detail = await getDestination(flow.workspaceId, flow.destinationId);
    if (!detail) throw new Error("no destination");
    await completeDestination(
      flow.workspaceId,
      flow.destinationId,
      {
        ...detail.config,
        endpoint: {
          ...detail.config.endpoint,
          url: `${sink.url}/v2/events`,
          headers: [{ name: "X-Source", value: "outflow" }],
        },
      },
      "test-user",
    );
    const comparison = await compareVersions(flow.workspaceId, flow.destinationId, 1, 2);
    expect(comparison?.changes).toEqual([
      { path: "Request Headers", kind: "added", after: "X-Source: outflow" },
      { path: "URL", kind: "changed", before: `${sink.url}/events`, after: `${sink.url}/v2/events` },
    ]);
    expect(await compareVersions(flow.workspaceId, flow.destinationId, 1, 3)).toBeNull();
    expect(await compareVersions(otherWorkspaceId, flow.destinationId, 1, 2)).toBeNull();
  });
});

/** The latency bucket bound holding the `percentile`th of these durations, counted by hand. */
function bucketBoundOf(durationsMs: number[], percentile: number): number | undefined {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const duration = sorted[Math.ceil((percentile / 100) * sorted.length) - 1] ?? Number.NaN;
  return LATENCY_BUCKETS_MS.find((bound) => duration <= bound);
}

import { describe, expect, it } from "vitest";
import { db, dbPool } from "@/lib/db/client";
import { discardDeadLetters } from "@/lib/delivery/dead-letters";
import { activateDestination } from "@/lib/delivery/lifecycle";
import { markFailing } from "@/lib/delivery/runs";
import { createFlow, type Flow, waitFor } from "@/lib/testing/delivery-fixtures";
import { deliveryHarness } from "@/lib/testing/delivery-harness";
import { readDashboard } from "./dashboard";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const sink = deliveryHarness();

async function deliverOnce(flow: Flow): Promise<void> {
  await activateDestination(flow.workspaceId, flow.destinationId);
  await waitFor("the run to finish", async () => {
    const run = await db().run.findFirst({ where: { destinationId: flow.destinationId } });
    return run !== null && run.status !== "running";
  });
}

/** Adds a counter row directly, as delivery would have written it `hoursAgo` hours before `now`. */
async function addCounter(destinationId: string, now: Date, hoursAgo: number, delivered: number) {
  const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - hoursAgo * HOUR_MS);
  await dbPool().query(
    `INSERT INTO delivery_hourly_stats (destination_id, hour, records_delivered, records_failed, requests, requests_failed, latency_histogram)
     VALUES ($1, $2::timestamp, $3, 0, $3, 0, '{}')`,
    [destinationId, hour.toISOString(), delivered],
  );
}

async function attemptTotals(destinationId: string) {
  const attempts = await db().deliveryAttempt.findMany({ where: { destinationId } });
  const records = (outcome: string) =>
    attempts.filter((a) => a.outcome === outcome).reduce((sum, a) => sum + a.recordCount, 0);
  return { delivered: records("delivered"), failed: records("failed") };
}

describe("readDashboard", () => {
  it("counts the last 24 hours from the counters, lists failing destinations first, and says what needs attention", async () => {
    // Alpha: every fifth record refused for good.
    sink.respond = (request) =>
      (JSON.parse(request.body) as { n: number }).n % 5 === 0
        ? { status: 422, body: '{"message":"invalid"}' }
        : { status: 200, body: "{}" };
    const alpha = await createFlow({ sinkUrl: sink.url, records: 40, name: "Alpha" });
    await deliverOnce(alpha);
    // Beta, alongside: every record refused, then set failing as the failure policy would.
    sink.respond = () => ({ status: 400, body: '{"message":"email is not valid"}' });
    const beta = await createFlow({ sinkUrl: sink.url, records: 3, name: "Beta", alongside: alpha });
    await deliverOnce(beta);
    await markFailing(beta.destinationId, "failedRunsExceeded", "The last 3 runs delivered nothing.");
    // Gamma, alongside: saved, never activated.
    const gamma = await createFlow({ sinkUrl: sink.url, records: 2, name: "Gamma", alongside: alpha });
    // Another workspace's destination, with counters, must not show.
    const other = await createFlow({ sinkUrl: sink.url, name: "Other" });

    const now = new Date();
    await addCounter(other.destinationId, now, 1, 99);
    const alphaRun = await db().run.findFirstOrThrow({ where: { destinationId: alpha.destinationId } });
    const alphaAttempts = await attemptTotals(alpha.destinationId);
    expect(alphaRun).toMatchObject({ recordsDelivered: 32, recordsFailed: 8 });
    expect(alphaAttempts).toEqual({ delivered: 32, failed: 8 });

    const first = await readDashboard(alpha.workspaceId, now);
    expect(first.destinations.map((d) => [d.name, d.status])).toEqual([
      ["Beta", "failing"],
      ["Alpha", "active"],
      ["Gamma", "draft"],
    ]);
    const [betaRow, alphaRow, gammaRow] = first.destinations;
    expect(alphaRow).toMatchObject({
      id: alpha.destinationId,
      href: `/destinations/${alpha.destinationId}`,
      dataset: { id: alpha.datasetId, name: "Alpha events" },
      connector: { id: "http", name: "HTTP API", logo: "/logos/http.svg" },
      delivered24h: alphaAttempts.delivered,
      failed24h: alphaAttempts.failed,
      // Failed now: the records in Failed Records.
      failedNow: 8,
      lastRun: { trigger: "activate", status: "partially_failed", recordsDelivered: 32, recordsFailed: 8 },
    });
    expect(alphaRow?.lastRun?.startedAt).toEqual(alphaRun.startedAt);
    expect(alphaRow?.lastRun?.finishedAt).toEqual(alphaRun.finishedAt);
    expect(betaRow).toMatchObject({
      delivered24h: 0,
      failed24h: 3,
      failingReason: "The last 3 runs delivered nothing.",
      lastRun: { status: "failed", recordsFailed: 3 },
    });
    expect(gammaRow).toMatchObject({ id: gamma.destinationId, lastRun: null, delivered24h: 0, failed24h: 0 });
    expect(gammaRow?.deliveredPerHour).toEqual(new Array(24).fill(0));
    expect(first.totals).toEqual({ delivered24h: 32, failed24h: 11, failedNow: 11 });
    // Discarded, a failed record is no longer failed now; the day's count of failures stays.
    await discardDeadLetters(alpha.workspaceId, alpha.destinationId, "all");
    const afterDiscard = await readDashboard(alpha.workspaceId, now);
    expect(afterDiscard.totals).toEqual({ delivered24h: 32, failed24h: 11, failedNow: 3 });
    expect(first.callouts.failing).toEqual([
      {
        destinationId: beta.destinationId,
        name: "Beta",
        reason: "The last 3 runs delivered nothing.",
        since: expect.any(Date),
        href: `/destinations/${beta.destinationId}`,
      },
    ]);
    expect(first.running).toBe(false);
    // Alpha delivers, Beta is failing (said above), Gamma never sent: none is retrying in vain.
    expect(first.callouts.retrying).toEqual([]);

    // Hours before the window are left out; hours in it land in their place on the sparkline.
    await addCounter(alpha.destinationId, now, 30, 1000);
    await addCounter(alpha.destinationId, now, 24, 500);
    await addCounter(alpha.destinationId, now, 5, 7);
    const second = await readDashboard(alpha.workspaceId, now);
    const alphaAgain = second.destinations.find((d) => d.id === alpha.destinationId);
    expect(alphaAgain?.delivered24h).toBe(32 + 7);
    expect(alphaAgain?.deliveredPerHour).toHaveLength(24);
    expect(alphaAgain?.deliveredPerHour.reduce((sum, n) => sum + n, 0)).toBe(alphaAgain?.delivered24h);
    expect(alphaAgain?.deliveredPerHour[23 - 5]).toBe(7);
    expect(alphaAgain?.deliveredPerHour[23]).toBeGreaterThanOrEqual(1);
    expect(second.callouts.credentials).toEqual([]);
  });

  it("calls out an active destination none of whose recent requests got through", async () => {
    sink.respond = () => ({ status: 503, body: '{"message":"down for maintenance"}' });
    const flow = await createFlow({
      sinkUrl: sink.url,
      records: 2,
      name: "Down",
      settings: { maxAttempts: 6, retryBaseSeconds: 0.2 },
    });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("retries", async () => (await db().deliveryAttempt.count()) >= 4);

    const dashboard = await readDashboard(flow.workspaceId);
    expect(dashboard.callouts.retrying).toEqual([
      {
        destinationId: flow.destinationId,
        name: "Down",
        requestsFailed: expect.any(Number),
        since: expect.any(Date),
        lastError: expect.stringMatching(/503/),
        href: `/destinations/${flow.destinationId}`,
      },
    ]);
    expect(dashboard.callouts.retrying[0]?.requestsFailed).toBeGreaterThanOrEqual(4);

    // One request gets through: no longer called out.
    sink.respond = () => ({ status: 200, body: "{}" });
    await waitFor("a delivery", async () => {
      const run = await db().run.findFirstOrThrow({ where: { destinationId: flow.destinationId } });
      return run.recordsDelivered > 0;
    });
    expect((await readDashboard(flow.workspaceId)).callouts.retrying).toEqual([]);
  });

  it("calls out expired and expiring API keys with what to do, and not fresh ones", async () => {
    const flow = await createFlow({ sinkUrl: sink.url, name: "Keys" });
    const now = new Date();
    const created = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
    for (const [name, daysAgo] of [
      ["Hotjar fresh", 10],
      ["Hotjar expiring", 350],
      ["Hotjar expired", 400],
    ] as const) {
      await db().credential.create({
        data: { workspaceId: flow.workspaceId, connectorId: "hotjar", name, keyCreatedAt: created(daysAgo) },
      });
    }
    const dashboard = await readDashboard(flow.workspaceId, now);
    expect(dashboard.callouts.credentials.map((c) => [c.name, c.state])).toEqual([
      ["Hotjar expired", "expired"],
      ["Hotjar expiring", "expiring"],
    ]);
    const [expired, expiring] = dashboard.callouts.credentials;
    expect(expired?.summary).toMatch(/^Expired (34|35) days ago$/);
    expect(expiring?.summary).toMatch(/^Expires in (15|16) days$/);
    expect(expiring).toMatchObject({
      connectorName: "Hotjar API",
      action: "Regenerate the key in Hotjar and update the credential.",
    });
    expect(expiring?.href).toMatch(/^\/credentials\/[0-9a-f-]{36}$/);
  });

  it("says when a destination's last run is still going, so the page keeps refreshing", async () => {
    const flow = await createFlow({ sinkUrl: sink.url, name: "Busy" });
    await db().run.create({
      data: {
        destinationId: flow.destinationId,
        trigger: "manual",
        version: 1,
        status: "succeeded",
        startedAt: new Date(Date.now() - 60_000),
        finishedAt: new Date(),
      },
    });
    expect((await readDashboard(flow.workspaceId)).running).toBe(false);
    const latest = await db().run.create({
      data: { destinationId: flow.destinationId, trigger: "manual", version: 1, status: "running" },
    });
    const dashboard = await readDashboard(flow.workspaceId);
    expect(dashboard.running).toBe(true);
    expect(dashboard.destinations[0]?.lastRun).toMatchObject({
      status: "running",
      startedAt: latest.startedAt,
    });
  });
});

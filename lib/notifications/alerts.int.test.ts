import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getConfig, requireDatabaseUrl } from "@/lib/config";
import { appendRecords } from "@/lib/datasets/store/append-records";
import { db, dbPool, disconnectDb } from "@/lib/db/client";
import { activateDestination } from "@/lib/delivery/lifecycle";
import { FAILING_AFTER_FAILED_RUNS } from "@/lib/delivery/run-outcome";
import { markFailing } from "@/lib/delivery/runs";
import { sweep } from "@/lib/delivery/sweep";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery/worker";
import { createFlow, numberedRecords, SINK_TOKEN, waitFor } from "@/lib/testing/delivery-fixtures";
import { resetDatabase } from "@/lib/testing/reset-database";
import { type Sink, startSink } from "@/lib/testing/sink";
import type { AlertPayload } from "./alert-payload";
import { sendTestAlert } from "./alert-webhook";
import { getAlertWebhookSetting, saveAlertWebhook } from "./alert-webhook-setting";
import { countUnreadNotifications, listNotifications, markAllNotificationsRead } from "./notification-list";
import { checkCredentialExpiry } from "./raise-alerts";

const DAY_MS = 24 * 60 * 60 * 1000;
let api: Sink;
let hook: Sink;
let worker: DeliveryWorker;

beforeAll(async () => {
  api = await startSink();
  hook = await startSink();
  worker = await startDeliveryWorker(requireDatabaseUrl());
});
afterAll(async () => {
  await worker.stop();
  await api.close();
  await hook.close();
  await disconnectDb();
});
beforeEach(async () => {
  await resetDatabase();
  api.requests.length = 0;
  hook.requests.length = 0;
  api.respond = () => ({ status: 200, body: '{"ok":true}' });
  hook.respond = () => ({ status: 200, body: "ok" });
});

const alertsOf = async (workspaceId: string, kind?: string) =>
  (await listNotifications(workspaceId)).filter((alert) => !kind || alert.kind === kind);
const failedRuns = (destinationId: string) => db().run.count({ where: { destinationId, status: "failed" } });

describe("alerts", () => {
  it("one per failed run and one per failing episode, each POSTed to the webhook with the failed request masked", async () => {
    api.respond = () => ({ status: 400, body: '{"message":"email is not valid"}' });
    const flow = await createFlow({ sinkUrl: api.url, records: 1, name: "Signups" });
    await saveAlertWebhook(flow.workspaceId, `${hook.url}/services/T000/B000/secretpath`);
    await activateDestination(flow.workspaceId, flow.destinationId);
    for (let n = 2; n <= FAILING_AFTER_FAILED_RUNS; n++) {
      await waitFor(`run ${n - 1} to fail`, async () => (await failedRuns(flow.destinationId)) === n - 1);
      await appendRecords(flow.datasetId, numberedRecords(n, n));
    }
    await waitFor(
      "the failing alert",
      async () => (await alertsOf(flow.workspaceId, "destination_failing")).length === 1,
    );

    expect(await alertsOf(flow.workspaceId, "run_failed")).toHaveLength(FAILING_AFTER_FAILED_RUNS);
    const [failing] = await alertsOf(flow.workspaceId, "destination_failing");
    expect(failing).toMatchObject({
      title: 'Destination "Signups" is failing',
      link: `/destinations/${flow.destinationId}`,
      read: false,
    });
    expect(failing?.message).toMatch(/The last 3 runs delivered nothing\. Last error: .*400/);

    // Already failing: no second alert for the same episode.
    await markFailing(flow.destinationId, "failedRunsExceeded", "again");
    expect(await alertsOf(flow.workspaceId, "destination_failing")).toHaveLength(1);

    // Every alert reaches the webhook once, as Slack-compatible JSON.
    await waitFor("4 webhook POSTs", () => hook.requests.length === FAILING_AFTER_FAILED_RUNS + 1);
    await waitFor(
      "the webhook's outcome",
      async () => (await getAlertWebhookSetting(flow.workspaceId))?.lastAt != null,
    );
    const bodies = hook.requests.map((request) => JSON.parse(request.body) as AlertPayload);
    expect(hook.requests[0]?.path).toBe("/services/T000/B000/secretpath");
    expect(hook.requests[0]?.headers["content-type"]).toBe("application/json");
    const failingPost = bodies.find((body) => body.alert.kind === "destination_failing");
    expect(failingPost?.text).toContain('Destination "Signups" is failing: It stopped delivering.');
    expect(failingPost?.alert).toMatchObject({
      link: `${getConfig().publicUrl}/destinations/${flow.destinationId}`,
      destination: { id: flow.destinationId, name: "Signups", status: "failing" },
      failingRequest: { method: "POST", url: `${api.url}/events` },
      response: { status: 400, body: '{"message":"email is not valid"}' },
    });
    const headers = failingPost?.alert.failingRequest?.headers ?? {};
    expect(headers.authorization).toBe(`Bearer ••••${SINK_TOKEN.slice(-4)}`);
    expect(JSON.stringify(bodies)).not.toContain(SINK_TOKEN);
    const runPost = bodies.find((body) => body.alert.kind === "run_failed");
    expect(JSON.parse(runPost?.alert.failingRequest?.body ?? "{}")).toHaveProperty("n");
    expect(await getAlertWebhookSetting(flow.workspaceId)).toMatchObject({ lastError: null });

    // Activate resumes; a new failing episode alerts again.
    api.respond = () => ({ status: 200, body: "{}" });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await markFailing(flow.destinationId, "credentialRejected", "The API refused the credential.");
    expect(await alertsOf(flow.workspaceId, "destination_failing")).toHaveLength(2);

    expect(await countUnreadNotifications(flow.workspaceId)).toBe(FAILING_AFTER_FAILED_RUNS + 2);
    await markAllNotificationsRead(flow.workspaceId);
    expect(await countUnreadNotifications(flow.workspaceId)).toBe(0);
  });

  it("keeps the webhook's error for the settings page, and never shows its secret path", async () => {
    hook.respond = () => ({ status: 404, body: "no_service" });
    const flow = await createFlow({ sinkUrl: api.url, name: "Orders" });
    await saveAlertWebhook(flow.workspaceId, `${hook.url}/services/T000/B000/secretpath`);
    const setting = await getAlertWebhookSetting(flow.workspaceId);
    expect(setting?.hint).toBe(`${hook.url}/••••path`);
    await activateDestination(flow.workspaceId, flow.destinationId);
    await markFailing(flow.destinationId, "credentialRejected", "The API refused the credential.");
    await waitFor("the webhook's error", async () =>
      Boolean((await getAlertWebhookSetting(flow.workspaceId))?.lastError),
    );
    expect((await getAlertWebhookSetting(flow.workspaceId))?.lastError).toBe(
      "The webhook answered 404 Not Found: no_service",
    );
    const stored = await db().workspace.findUniqueOrThrow({ where: { id: flow.workspaceId } });
    expect(stored.alertWebhookUrl).not.toContain("secretpath");
    // A 404 would be a 404 again: the job ends without retrying.
    await waitFor("the job to end", async () => {
      const { rows } = await dbPool().query<{ n: number }>(
        "SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'alert-webhook'",
      );
      return rows[0]?.n === 0;
    });
    // Only this destination's alerts: one of the test before may still have been on its way.
    expect(hook.requests.filter((request) => request.body.includes("Orders"))).toHaveLength(1);

    // Send test alert reports the answer at once, and a success clears the error.
    expect(await sendTestAlert(flow.workspaceId)).toBe("The webhook answered 404 Not Found: no_service");
    hook.respond = () => ({ status: 200, body: "ok" });
    expect(await sendTestAlert(flow.workspaceId)).toBeNull();
    expect(JSON.parse(hook.requests.at(-1)?.body ?? "{}")).toMatchObject({
      text: expect.stringContaining("Test alert from Outflow"),
      // A receiver that routes on the kind must not take a test for a failing destination.
      alert: { kind: "test" },
    });
    expect(await getAlertWebhookSetting(flow.workspaceId)).toMatchObject({ lastError: null });
  });

  it("warns once when a credential's key is about to expire, and once when it has", async () => {
    const workspace = await db().workspace.create({ data: { name: "Keys" } });
    const now = new Date("2027-06-01T12:00:00Z");
    const credential = await db().credential.create({
      data: {
        workspaceId: workspace.id,
        connectorId: "hotjar",
        name: "Hotjar production",
        keyCreatedAt: new Date(now.getTime() - 350 * DAY_MS),
      },
    });
    await db().credential.create({
      data: { workspaceId: workspace.id, connectorId: "hotjar", name: "Fresh", keyCreatedAt: now },
    });

    expect(await checkCredentialExpiry(now)).toBe(1);
    expect(await checkCredentialExpiry(new Date(now.getTime() + DAY_MS))).toBe(0);
    const [expiring] = await alertsOf(workspace.id);
    expect(expiring).toMatchObject({
      kind: "credential_expiring",
      title: 'Credential "Hotjar production" expires in 15 days',
      link: `/credentials/${credential.id}`,
    });

    const later = new Date(now.getTime() + 20 * DAY_MS);
    expect(await checkCredentialExpiry(later)).toBe(1);
    expect(await checkCredentialExpiry(later)).toBe(0);
    expect((await alertsOf(workspace.id)).map((alert) => alert.kind).sort()).toEqual([
      "credential_expired",
      "credential_expiring",
    ]);

    // A new key (a new creation date) that expires in turn warns again; the sweep runs the check.
    await db().credential.update({
      where: { id: credential.id },
      data: { keyCreatedAt: new Date(Date.now() - 340 * DAY_MS) },
    });
    await sweep();
    await sweep();
    expect(await alertsOf(workspace.id, "credential_expiring")).toHaveLength(2);
  });
});

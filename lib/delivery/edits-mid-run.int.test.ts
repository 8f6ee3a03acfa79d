/**
 * A change saved while a destination is sending governs its very next request: a new endpoint
 * version, a new key on its credential, a Pause. The requests already on the wire at the save
 * (at most one per lane, `concurrency` 4) may still arrive the old way; none begun after it.
 * The sink answers after 15 ms, so a run of 400 records lasts well past the save.
 */
import { describe, expect, it } from "vitest";
import { credentialInputSchema } from "@/lib/credentials/credential-input";
import { saveCredential } from "@/lib/credentials/save-credential";
import { db } from "@/lib/db/client";
import { completeDestination, getDestination } from "@/lib/destinations/manage-destinations";
import { createFlow, numberedRecords, SINK_TOKEN, waitFor } from "@/lib/testing/delivery-fixtures";
import { deliveryHarness } from "@/lib/testing/delivery-harness";
import type { SinkRequest } from "@/lib/testing/sink";
import { activateDestination, pauseDestination } from "./lifecycle";

const sink = deliveryHarness();
const LANES = 4;
const RECORDS = 400;

function answerSlowly() {
  sink.respond = async () => {
    await new Promise((resolve) => setTimeout(resolve, 15));
    return { status: 200, body: '{"ok":true}' };
  };
}

const delivered = (requests: SinkRequest[]) =>
  new Set(requests.map((request) => (JSON.parse(request.body) as { n: number }).n));

async function runFinished(destinationId: string) {
  const run = await db().run.findFirst({ where: { destinationId, trigger: "activate" } });
  return run?.status === "succeeded";
}

describe("edits mid-run", { timeout: 60_000 }, () => {
  it("an endpoint version saved mid-run sends every later request to the new URL, and the run says both versions", async () => {
    answerSlowly();
    const flow = await createFlow({ sinkUrl: sink.url, records: RECORDS, settings: { concurrency: LANES } });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("30 requests", () => sink.requests.length >= 30);

    const detail = await getDestination(flow.workspaceId, flow.destinationId);
    if (!detail) throw new Error("the destination is missing");
    await completeDestination(
      flow.workspaceId,
      flow.destinationId,
      { ...detail.config, endpoint: { ...detail.config.endpoint, url: `${sink.url}/v2/events` } },
      "test-user",
    );
    const oldAtSave = sink.requests.filter((request) => request.path === "/events").length;

    await waitFor("the run to finish", () => runFinished(flow.destinationId), 45_000);
    const old = sink.requests.filter((request) => request.path === "/events");
    const moved = sink.requests.filter((request) => request.path === "/v2/events");
    expect(old.length - oldAtSave).toBeLessThanOrEqual(LANES);
    expect(moved.length).toBeGreaterThan(RECORDS / 2);
    // Nothing lost in the switch.
    expect([...delivered(sink.requests)].sort((a, b) => a - b)).toEqual(
      numberedRecords(1, RECORDS).map((r) => r.n),
    );

    const run = await db().run.findFirstOrThrow({ where: { destinationId: flow.destinationId } });
    expect(run.versionsSent).toEqual([1, 2]);
  });

  it("a key changed mid-run goes on every later request", async () => {
    answerSlowly();
    const flow = await createFlow({ sinkUrl: sink.url, records: RECORDS, settings: { concurrency: LANES } });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("30 requests", () => sink.requests.length >= 30);

    const credential = await db().credential.findUniqueOrThrow({ where: { id: flow.credentialId } });
    await saveCredential(
      flow.workspaceId,
      credentialInputSchema.parse({
        id: credential.id,
        connectorId: "http",
        name: credential.name,
        values: { authType: "bearer", token: "sink-token-rotated-fedcba9876543210" },
        baseUrl: sink.url,
        rateLimitRequests: credential.rateLimitRequests,
        rateLimitWindowSeconds: credential.rateLimitWindowSeconds,
      }),
    );
    const oldKey = (request: SinkRequest) => request.headers.authorization === `Bearer ${SINK_TOKEN}`;
    const oldAtSave = sink.requests.filter(oldKey).length;

    await waitFor("the run to finish", () => runFinished(flow.destinationId), 45_000);
    const rotated = sink.requests.filter(
      (request) => request.headers.authorization === "Bearer sink-token-rotated-fedcba9876543210",
    );
    expect(sink.requests.filter(oldKey).length - oldAtSave).toBeLessThanOrEqual(LANES);
    expect(rotated.length).toBeGreaterThan(RECORDS / 2);
    expect(delivered(sink.requests).size).toBe(RECORDS);
  });

  it("a Pause mid-run stops every lane before its next request", async () => {
    answerSlowly();
    const flow = await createFlow({ sinkUrl: sink.url, records: RECORDS, settings: { concurrency: LANES } });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("30 requests", () => sink.requests.length >= 30);

    await pauseDestination(flow.workspaceId, flow.destinationId);
    const atPause = sink.requests.length;
    // The lanes' last requests are answered and recorded; nothing more is claimed.
    await waitFor("the in-flight requests to be recorded", async () => {
      const attempts = await db().deliveryAttempt.count({ where: { destinationId: flow.destinationId } });
      return attempts === sink.requests.length;
    });
    expect(sink.requests.length - atPause).toBeLessThanOrEqual(LANES);

    // The rest wait, and go on Activate.
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("every record", () => delivered(sink.requests).size === RECORDS, 45_000);
  });
});

/**
 * What slows a credential now, as the destination and credential pages say it: a 429's hold, with
 * when the API answered it and until when every sender waits, and nothing once it is over.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requireDatabaseUrl } from "@/lib/config";
import { getCredentialHealth } from "@/lib/credentials/credential-health";
import { db, disconnectDb } from "@/lib/db/client";
import { createFlow, waitFor } from "@/lib/testing/delivery-fixtures";
import { resetDatabase } from "@/lib/testing/reset-database";
import { type Sink, startSink } from "@/lib/testing/sink";
import { activateDestination } from "./lifecycle";
import { readDeliveryOverview } from "./read-delivery";
import { readThrottle } from "./throttle";
import { type DeliveryWorker, startDeliveryWorker } from "./worker";

let sink: Sink;
let worker: DeliveryWorker;

beforeAll(async () => {
  sink = await startSink();
  worker = await startDeliveryWorker(requireDatabaseUrl());
});
afterAll(async () => {
  await worker.stop();
  await sink.close();
  await disconnectDb();
});
beforeEach(resetDatabase);

describe("a credential held by a 429", { timeout: 60_000 }, () => {
  it("says when the API answered 429 and until when every request waits, on both pages", async () => {
    // Nothing is held before the first answer: the positive control for the hold below.
    const flow = await createFlow({ sinkUrl: sink.url, records: 3 });
    expect(await readThrottle(flow.credentialId, null)).toEqual({
      heldUntil: null,
      last429At: null,
      atLimit: false,
    });

    sink.respond = () => ({ status: 429, headers: { "retry-after": "30" }, body: '{"message":"slow down"}' });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("a 429", async () => (await db().deliveryAttempt.count({ where: { status: 429 } })) > 0);
    await waitFor("the hold", async () => (await readThrottle(flow.credentialId, null)).heldUntil !== null);

    const throttle = await readThrottle(flow.credentialId, null);
    const attempt = await db().deliveryAttempt.findFirstOrThrow({
      where: { status: 429 },
      orderBy: { id: "desc" },
    });
    expect(throttle.last429At?.getTime()).toBe(attempt.startedAt.getTime());
    const wait = (throttle.heldUntil?.getTime() ?? 0) - attempt.startedAt.getTime();
    expect(wait).toBeGreaterThan(25_000);
    expect(wait).toBeLessThanOrEqual(31_000);

    const overview = await readDeliveryOverview(flow.workspaceId, flow.destinationId);
    expect(overview.rateLimit).toMatchObject({ credentialId: flow.credentialId, held: true });
    expect(overview.rateLimit?.text).toMatch(
      /^100,000 per 1 s · holding every request after a 429 at \d\d:\d\d:\d\d UTC until \d\d:\d\d:\d\d UTC$/,
    );
    const health = await getCredentialHealth(flow.workspaceId, flow.credentialId);
    expect(health?.throttle).toBe(overview.rateLimit?.text);
  });
});

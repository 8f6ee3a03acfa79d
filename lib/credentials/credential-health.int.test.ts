import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { activateDestination } from "@/lib/delivery/lifecycle";
import { createFlow, waitFor } from "@/lib/testing/delivery-fixtures";
import { deliveryHarness } from "@/lib/testing/delivery-harness";
import { getCredentialHealth } from "./credential-health";

const sink = deliveryHarness();

describe("credential health", () => {
  it("agrees with the attempt log and the hourly counters of the destinations that use it", async () => {
    // Record 4 is refused for good; the others are delivered.
    sink.respond = (request) =>
      (JSON.parse(request.body) as { n: number }).n === 4
        ? { status: 422, body: '{"message":"email is not valid"}' }
        : { status: 200, body: "{}" };
    const flow = await createFlow({
      sinkUrl: sink.url,
      records: 6,
      name: "Signups",
      settings: { concurrency: 1 },
    });
    const idle = await createFlow({ sinkUrl: sink.url, name: "Orders", alongside: flow });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("the run to end", async () => {
      const run = await db().run.findFirst({ where: { destinationId: flow.destinationId } });
      return run !== null && run.status !== "running";
    });

    const health = await getCredentialHealth(flow.workspaceId, flow.credentialId);
    const attempts = await db().deliveryAttempt.findMany({
      where: { destinationId: flow.destinationId },
      orderBy: { id: "asc" },
    });
    const delivered = attempts.filter((attempt) => attempt.outcome === "delivered");
    const failed = attempts.filter((attempt) => attempt.outcome === "failed");
    expect(failed).toHaveLength(1);
    expect(health?.lastSuccess).toEqual({
      at: delivered.at(-1)?.startedAt,
      destinationId: flow.destinationId,
      destinationName: "Signups",
    });
    expect(health?.lastError).toMatchObject({ at: failed[0]?.startedAt, destinationName: "Signups" });
    expect(health?.lastError?.message).toBe(failed[0]?.errorMessage);
    expect(health?.lastError?.message).toMatch(/422.*email is not valid/);
    expect(health?.rateLimit).toEqual({ requests: 100_000, windowSeconds: 1, source: "credential" });
    expect(health?.expiry).toBeNull();
    expect(health?.destinations.map((d) => [d.name, d.status, d.lastSuccessAt !== null])).toEqual([
      ["Orders", "draft", false],
      ["Signups", "active", true],
    ]);

    // Usage comes from the hourly counters of all its destinations: here at 10:15, with 400
    // requests in the previous hour and 100 in this one (plus none at 08:00, out of reach).
    await db().deliveryHourlyStats.deleteMany();
    const stats = (destinationId: string, hour: string, requests: number) => ({
      destinationId,
      hour: new Date(hour),
      requests,
      latencyHistogram: [],
    });
    await db().deliveryHourlyStats.createMany({
      data: [
        stats(flow.destinationId, "2027-06-01T08:00:00Z", 9999),
        stats(flow.destinationId, "2027-06-01T09:00:00Z", 300),
        stats(idle.destinationId, "2027-06-01T09:00:00Z", 100),
        stats(flow.destinationId, "2027-06-01T10:00:00Z", 60),
        stats(idle.destinationId, "2027-06-01T10:00:00Z", 40),
      ],
    });
    const at = await getCredentialHealth(
      flow.workspaceId,
      flow.credentialId,
      new Date("2027-06-01T10:15:00Z"),
    );
    expect(at?.usage).toEqual({ requestsLastHour: 400, perWindow: 400 / 3600, share: 400 / 3600 / 100_000 });

    // Another workspace's id is nobody's credential.
    const stranger = await db().workspace.create({ data: { name: "Other" } });
    expect(await getCredentialHealth(stranger.id, flow.credentialId)).toBeNull();
  });
});

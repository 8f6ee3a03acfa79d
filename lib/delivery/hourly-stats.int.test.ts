import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createFlow, waitFor } from "@/lib/testing/delivery-fixtures";
import { deliveryHarness } from "@/lib/testing/delivery-harness";
import { activateDestination } from "./lifecycle";

const sink = deliveryHarness();

describe("hourly counters", () => {
  it("agree with the runs and the attempt log", async () => {
    // Every fifth record is refused for good; every seventh fails once with a 503 first.
    const seen = new Set<number>();
    sink.respond = (request) => {
      const { n } = JSON.parse(request.body) as { n: number };
      if (n % 5 === 0) return { status: 422, body: '{"message":"invalid"}' };
      if (n % 7 === 0 && !seen.has(n)) {
        seen.add(n);
        return { status: 503, body: "busy" };
      }
      return { status: 200, body: "{}" };
    };
    const flow = await createFlow({ sinkUrl: sink.url, records: 40, settings: { retryBaseSeconds: 0.1 } });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("the run to finish", async () => {
      const run = await db().run.findFirst({ where: { destinationId: flow.destinationId } });
      return run !== null && run.status !== "running";
    });

    const run = await db().run.findFirstOrThrow({ where: { destinationId: flow.destinationId } });
    expect(run).toMatchObject({ recordsDelivered: 32, recordsFailed: 8 });
    const stats = await db().deliveryHourlyStats.findMany({ where: { destinationId: flow.destinationId } });
    const attempts = await db().deliveryAttempt.findMany({ where: { destinationId: flow.destinationId } });
    const total = (pick: (row: (typeof stats)[number]) => number) =>
      stats.reduce((sum, row) => sum + pick(row), 0);
    expect(total((row) => row.recordsDelivered)).toBe(run.recordsDelivered);
    expect(total((row) => row.recordsFailed)).toBe(run.recordsFailed);
    expect(total((row) => row.requests)).toBe(attempts.length);
    expect(total((row) => row.requestsFailed)).toBe(attempts.filter((a) => a.outcome !== "delivered").length);
    expect(total((row) => row.latencyHistogram.reduce((sum, n) => sum + n, 0))).toBe(attempts.length);
    expect(attempts.length).toBe(40 + 4); // 7, 14, 21 and 28 were sent twice (35 is refused first)
  });
});

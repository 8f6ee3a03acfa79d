/**
 * What the destination page reads and changes through the delivery store: its runs, its queue
 * counts, and its failed records listed, edited and discarded, each scoped to the destination.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createFlow, waitFor } from "@/lib/testing/delivery-fixtures";
import { deliveryHarness } from "@/lib/testing/delivery-harness";
import { discardDeadLetters, editDeadLetter, listDeadLetters } from "./dead-letters";
import { activateDestination } from "./lifecycle";
import { listRuns, readDeliveryOverview } from "./read-delivery";

const sink = deliveryHarness();

describe("the destination page's delivery reads", () => {
  it("lists runs and failed records newest first, edits and discards failed records of this destination only", async () => {
    // Records 2 and 4 are refused for good: they become failed records.
    sink.respond = (request) => {
      const { n } = JSON.parse(request.body) as { n: number };
      return n % 2 === 0 ? { status: 422, body: '{"message":"invalid"}' } : { status: 200, body: "{}" };
    };
    const flow = await createFlow({ sinkUrl: sink.url, records: 5 });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("the run to finish", async () => {
      const run = await db().run.findFirst({ where: { destinationId: flow.destinationId } });
      return run !== null && run.status !== "running";
    });

    const runs = await listRuns(flow.workspaceId, flow.destinationId);
    expect(runs).toMatchObject({ total: 1, page: 1, pageCount: 1 });
    expect(runs.runs[0]).toMatchObject({
      trigger: "activate",
      status: "partially_failed",
      recordsDelivered: 3,
      recordsFailed: 2,
      versionsSent: [1],
    });
    expect(runs.runs[0]?.startedAt).toBeInstanceOf(Date);
    expect(runs.runs[0]).not.toHaveProperty("upToRecordId");

    const overview = await readDeliveryOverview(flow.workspaceId, flow.destinationId);
    expect(overview).toMatchObject({
      recordsWaiting: 0,
      requestsQueued: 0,
      nextRetryAt: null,
      deadLetters: 2,
    });

    const failed = await listDeadLetters(flow.workspaceId, flow.destinationId);
    expect(failed.total).toBe(2);
    expect(failed.letters.map((letter) => JSON.parse(letter.payloadText).n).sort()).toEqual([2, 4]);
    const [newest, oldest] = failed.letters;
    if (!newest || !oldest) throw new Error("two failed records expected");
    expect(BigInt(newest.id)).toBeGreaterThan(BigInt(oldest.id));
    expect(newest).toMatchObject({ edited: false, lastStatus: 422, attempts: 1 });
    expect(newest.recordId).toMatch(/^\d+$/);
    expect(newest.createdAt).toBeInstanceOf(Date);

    await editDeadLetter(flow.workspaceId, flow.destinationId, newest.id, '{"n":40}');
    const edited = await listDeadLetters(flow.workspaceId, flow.destinationId);
    expect(edited.letters[0]).toMatchObject({ id: newest.id, edited: true, payloadText: '{\n  "n": 40\n}' });

    const other = await createFlow({ sinkUrl: sink.url, records: 0, name: "Other" });
    await expect(editDeadLetter(other.workspaceId, other.destinationId, oldest.id, "{}")).rejects.toThrow(
      "no longer there",
    );
    expect(await discardDeadLetters(other.workspaceId, other.destinationId, [oldest.id])).toBe(0);

    expect(await discardDeadLetters(flow.workspaceId, flow.destinationId, [oldest.id])).toBe(1);
    expect(await discardDeadLetters(flow.workspaceId, flow.destinationId, "all")).toBe(1);
    expect((await listDeadLetters(flow.workspaceId, flow.destinationId)).total).toBe(0);
  });
});

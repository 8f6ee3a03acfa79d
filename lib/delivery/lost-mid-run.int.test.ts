import { describe, expect, it, vi } from "vitest";
import { deleteDataset } from "@/lib/datasets/manage-datasets";
import { appendRecords } from "@/lib/datasets/store/append-records";
import { db, dbPool } from "@/lib/db/client";
import { deliverControlRecord } from "@/lib/testing/control-flow";
import { createFlow, numberedRecords, waitFor } from "@/lib/testing/delivery-fixtures";
import { deliveryHarness } from "@/lib/testing/delivery-harness";
import { activateDestination, pauseDestination } from "./lifecycle";

const sink = deliveryHarness();

const numbers = () => sink.requests.map((request) => (JSON.parse(request.body) as { n: number }).n);

/** The backend holding a destination's delivery lock (see tryLockDestination in executor.ts). */
async function lockHolders(destinationId: string): Promise<number[]> {
  const { rows } = await dbPool().query<{ pid: number }>(
    `SELECT pid FROM pg_locks
      WHERE locktype = 'advisory' AND granted
        AND ((classid::bigint << 32) | objid::bigint) = hashtextextended('outflow.deliver:' || $1, 0)`,
    [destinationId],
  );
  return rows.map((row) => row.pid);
}

/** Makes the sink hold every answer (200) until the returned function is called. */
function holdAnswers(): () => void {
  let answer!: () => void;
  const held = new Promise<void>((resolve) => {
    answer = resolve;
  });
  sink.respond = async () => {
    await held;
    return { status: 200, body: '{"ok":true}' };
  };
  return answer;
}

describe("losing a connection", () => {
  it("a terminated lock connection does not end the worker: it locks again and sends every record, repeats with their first key", async () => {
    // Answers wait until the lock's connection is gone, so the loss falls in the middle of the run.
    const answer = holdAnswers();
    const flow = await createFlow({ sinkUrl: sink.url, records: 60 });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("the first request", () => sink.requests.length > 0);

    // One connection holds the lock: the one delivering.
    const holders = await lockHolders(flow.destinationId);
    expect(holders).toHaveLength(1);
    await dbPool().query("SELECT pg_terminate_backend($1)", holders);
    answer();

    await waitFor("all 60 records", () => new Set(numbers()).size === 60);
    await waitFor("the run to finish", async () => {
      const run = await db().run.findFirst({
        where: { destinationId: flow.destinationId, trigger: "activate" },
      });
      return run?.status === "succeeded";
    });
    const keys = new Map<number, Set<string | undefined>>();
    sink.requests.forEach((request, index) => {
      const n = numbers()[index] as number;
      keys.set(n, (keys.get(n) ?? new Set()).add(request.idempotencyKey));
    });
    expect([...keys.values()].every((sent) => sent.size === 1)).toBe(true);

    // The same worker goes on: a record ingested now is delivered.
    await appendRecords(flow.datasetId, numberedRecords(61, 61));
    await waitFor("record 61", () => numbers().includes(61));
  });
});

describe("deleted while sending", () => {
  it("a dataset deleted after Pause while requests are on the wire: their outcomes are dropped, not failed, and the worker goes on", async () => {
    const logged = vi.spyOn(console, "log");
    const errors = vi.spyOn(console, "error");
    const answer = holdAnswers();
    try {
      const flow = await createFlow({ sinkUrl: sink.url, records: 20 });
      await activateDestination(flow.workspaceId, flow.destinationId);
      await waitFor("the first request", () => sink.requests.length > 0);
      await pauseDestination(flow.workspaceId, flow.destinationId);
      await deleteDataset(flow.workspaceId, flow.datasetId);
      answer();

      await waitFor("the outcomes to be dropped", () =>
        logged.mock.calls.some(([line]) =>
          String(line).includes(`Destination ${flow.destinationId} was deleted while`),
        ),
      );
      sink.respond = () => ({ status: 200, body: '{"ok":true}' });
      await deliverControlRecord();
      const failures = errors.mock.calls.map((call) => call.map(String).join(" "));
      expect(failures.filter((line) => /foreign key|violates/i.test(line))).toEqual([]);
    } finally {
      logged.mockRestore();
      errors.mockRestore();
    }
  });
});

/**
 * Postgres killed mid-run and started again: the worker process lives through it, reconnects by
 * itself and finishes the run, with nothing lost and every repeat under its first
 * Idempotency-Key. This file has a Postgres cluster of its own, since it kills it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabaseUrl } from "@/lib/config";
import { db, disconnectDb } from "@/lib/db/client";
import { type RunningEmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { isProcessAlive, readPostmasterPid } from "@/lib/db/postmaster-lock";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { createFlow, waitFor } from "@/lib/testing/delivery-fixtures";
import { type Sink, startSink } from "@/lib/testing/sink";
import { startWorkerProcess, stopWorkerProcesses, workerProcessOutput } from "@/lib/testing/worker-process";
import { activateDestination } from "./lifecycle";

const RECORDS = 300;
const settings = { fsync: "off", synchronous_commit: "off", full_page_writes: "off" };
let dataDir: string;
let postgres: RunningEmbeddedPostgres;
let sink: Sink;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "outflow-restart-"));
  postgres = await startEmbeddedPostgres({ dataDir, port: 0, settings });
  await prepareDatabase(postgres.url);
  await disconnectDb();
  setDatabaseUrl(postgres.url);
  sink = await startSink();
}, 120_000);

afterAll(async () => {
  await stopWorkerProcesses("SIGKILL");
  await sink?.close();
  await disconnectDb();
  await postgres?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function killPostgres(): Promise<void> {
  const pid = await readPostmasterPid(dataDir);
  if (pid === null) throw new Error("no postmaster.pid in the test cluster");
  process.kill(pid, "SIGKILL");
  await waitFor("the postmaster to die", () => !isProcessAlive(pid));
}

describe("Postgres restarted mid-run", { timeout: 120_000 }, () => {
  it("the worker reconnects by itself and delivers every record once, repeats under their first key", async ({
    onTestFailed,
  }) => {
    const worker = await startWorkerProcess();
    onTestFailed(() => console.log(workerProcessOutput([worker])));
    sink.respond = async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { status: 200, body: '{"ok":true}' };
    };
    const flow = await createFlow({ sinkUrl: sink.url, records: RECORDS, settings: { concurrency: 4 } });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("50 requests", () => sink.requests.length >= 50);

    await killPostgres();
    const atKill = sink.requests.length;
    // This process's own connections died with it.
    await disconnectDb();
    postgres = await startEmbeddedPostgres({ dataDir, port: postgres.port, settings });

    await waitFor(
      "every record after the restart",
      async () => new Set(sink.requests.map((request) => request.body)).size === RECORDS,
      60_000,
    );
    expect(sink.requests.length).toBeGreaterThan(atKill);
    await waitFor("the run to finish", async () => {
      const run = await db().run.findFirst({ where: { destinationId: flow.destinationId } });
      return run?.status === "succeeded";
    });
    expect(isProcessAlive(worker.pid)).toBe(true);

    // A request whose outcome was lost with Postgres went again, with the key it first carried.
    const keyOf = new Map<string, string | undefined>();
    for (const request of sink.requests) {
      if (keyOf.has(request.body)) expect(request.idempotencyKey).toBe(keyOf.get(request.body));
      else keyOf.set(request.body, request.idempotencyKey);
    }
    expect(new Set(keyOf.values()).size).toBe(RECORDS);
  });
});

/**
 * Postgres killed mid-run and started again on another port (as when 54329 was taken meanwhile):
 * a worker process that adopted the embedded cluster of its data folder lives through it, follows
 * the cluster to its new port, resumes by itself and finishes the run, with nothing lost and every
 * repeat under its first Idempotency-Key. This file has a Postgres cluster of its own, since it
 * kills it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfig, setDatabaseUrl } from "@/lib/config";
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
/** The worker's data folder; the cluster lives in its `postgres` folder, as `npm start` puts it. */
let dataDir: string;
let clusterDir: string;
let postgres: RunningEmbeddedPostgres;
let sink: Sink;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "outflow-restart-"));
  clusterDir = path.join(dataDir, "postgres");
  postgres = await startEmbeddedPostgres({ dataDir: clusterDir, port: 0, settings });
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
  const pid = await readPostmasterPid(clusterDir);
  if (pid === null) throw new Error("no postmaster.pid in the test cluster");
  process.kill(pid, "SIGKILL");
  await waitFor("the postmaster to die", () => !isProcessAlive(pid));
}

/** A free port other than `taken`. */
async function freePortOtherThan(taken: number): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const probe = net.createServer();
      probe.once("error", reject);
      probe.listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    if (port !== taken) return port;
  }
}

// Generous: two Postgres starts and a worker process on a machine busy with other test files.
describe("Postgres restarted mid-run", { timeout: 240_000 }, () => {
  it("the worker follows it to its new port, resumes by itself and delivers every record, repeats under their first key", async ({
    onTestFailed,
  }) => {
    const config = getConfig();
    // No DATABASE_URL: the worker adopts the cluster running in its data folder, as `npm run worker`
    // does beside `npm start`. The keys are this process's, so it can read the flow's credential.
    const worker = await startWorkerProcess({
      env: {
        DATABASE_URL: "",
        OUTFLOW_DATA_DIR: dataDir,
        OUTFLOW_SECRET_KEY: config.encryptionKey.toString("base64"),
        OUTFLOW_AUTH_SECRET: config.authSecret,
      },
    });
    onTestFailed(() => console.log(workerProcessOutput([worker])));
    sink.respond = async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { status: 200, body: '{"ok":true}' };
    };
    const flow = await createFlow({ sinkUrl: sink.url, records: RECORDS, settings: { concurrency: 4 } });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("50 requests", () => sink.requests.length >= 50, 60_000);

    await killPostgres();
    const atKill = sink.requests.length;
    // This process's own connections died with it.
    await disconnectDb();
    const oldPort = postgres.port;
    postgres = await startEmbeddedPostgres({
      dataDir: clusterDir,
      port: await freePortOtherThan(oldPort),
      settings,
    });
    expect(postgres.port).not.toBe(oldPort);
    setDatabaseUrl(postgres.url);
    const restartedAt = Date.now();
    const atRestart = sink.requests.length;

    await waitFor(
      "every record after the restart",
      async () => new Set(sink.requests.map((request) => request.body)).size === RECORDS,
      150_000,
    );
    expect(sink.requests.length).toBeGreaterThan(atKill);
    // For the log only: how long the worker took to resume (the minute's sweep alone took up to 60 s).
    await waitFor("a request after the restart", () => sink.requests.length > atRestart);
    const resumedAfter = (sink.requests[atRestart]?.at ?? Date.now()) - restartedAt;
    await waitFor(
      "the run to finish",
      async () => {
        const run = await db().run.findFirst({ where: { destinationId: flow.destinationId } });
        return run?.status === "succeeded";
      },
      60_000,
    );
    expect(isProcessAlive(worker.pid)).toBe(true);
    // It noticed the loss and listened again on the new port, which is what queued the resume.
    expect(worker.output()).toContain("Delivery change feed listens again");

    // A request whose outcome was lost with Postgres went again, with the key it first carried.
    const keyOf = new Map<string, string | undefined>();
    for (const request of sink.requests) {
      if (keyOf.has(request.body)) expect(request.idempotencyKey).toBe(keyOf.get(request.body));
      else keyOf.set(request.body, request.idempotencyKey);
    }
    expect(new Set(keyOf.values()).size).toBe(RECORDS);
    console.log(
      `${atKill} requests before the kill; the first request after the restart ${resumedAfter} ms after it; ${sink.requests.length - RECORDS} repeats`,
    );
  });
});

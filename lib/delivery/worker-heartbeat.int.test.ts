/**
 * Workers say they are alive; the dashboard says when none is. Worker processes here are real
 * `npm run worker` processes, killed as a crash would kill them.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { dbPool, disconnectDb } from "@/lib/db/client";
import { readDashboard } from "@/lib/monitoring/dashboard";
import { waitFor } from "@/lib/testing/delivery-fixtures";
import { startWorkerProcess, stopWorkerProcesses } from "@/lib/testing/worker-process";
import { readWorkers } from "./worker-heartbeat";

afterAll(async () => {
  await stopWorkerProcesses("SIGKILL");
  await disconnectDb();
});

describe("worker heartbeats", { timeout: 90_000 }, () => {
  it("show a running worker as alive, a killed one as silent after a minute, and a stopped one as gone", async () => {
    const anyWorkspace = randomUUID();
    expect((await readDashboard(anyWorkspace)).workers).toEqual({ alive: 0, lastSeenAt: null });

    const crashed = await startWorkerProcess();
    await waitFor("the worker's first heartbeat", async () => (await readWorkers()).alive === 1);
    await crashed.kill("SIGKILL");
    // Killed, it could not say goodbye: its row stays, alive until a minute of silence has passed.
    const { rows } = await dbPool().query<{ id: string }>("SELECT id::text FROM worker_heartbeats");
    expect(rows).toHaveLength(1);
    const lastSeen = new Date(Date.now() - 2 * 60_000);
    await dbPool().query("UPDATE worker_heartbeats SET last_seen_at = $1::timestamp", [
      lastSeen.toISOString(),
    ]);
    expect(await readWorkers()).toEqual({ alive: 0, lastSeenAt: lastSeen });
    expect((await readDashboard(anyWorkspace)).workers.alive).toBe(0);

    // A worker stopped cleanly removes its row at once; the dead one's stays as the last heard of.
    const stopped = await startWorkerProcess();
    await waitFor("the second worker's first heartbeat", async () => (await readWorkers()).alive === 1);
    await stopped.kill("SIGTERM");
    await waitFor("the stopped worker's row to go", async () => {
      const { rows: left } = await dbPool().query("SELECT 1 FROM worker_heartbeats");
      return left.length === 1;
    });
    expect(await readWorkers()).toEqual({ alive: 0, lastSeenAt: lastSeen });
  });
});

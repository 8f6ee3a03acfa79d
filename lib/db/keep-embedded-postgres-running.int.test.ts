/**
 * The embedded Postgres started by `npm start` or `npm run worker` comes back by itself when it is
 * killed while the process runs. This file has a Postgres cluster of its own, since it kills it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "@/lib/testing/delivery-fixtures";
import { type KeptEmbeddedPostgres, keepEmbeddedPostgresRunning } from "./keep-embedded-postgres-running";
import { isProcessAlive, readPostmasterPid } from "./postmaster-lock";

let dataDir: string;
let kept: KeptEmbeddedPostgres;
const logged: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "outflow-kept-"));
  kept = await keepEmbeddedPostgresRunning({
    dataDir,
    port: 0,
    settings: { fsync: "off" },
    log: (line) => logged.push(line),
  });
}, 120_000);

afterAll(async () => {
  await kept?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe("an embedded Postgres killed while the app runs", { timeout: 120_000 }, () => {
  it("is started again on its data folder and port, with its data", async () => {
    await new pg.Client({ connectionString: kept.first.url }).connect().then(async (client) => {
      await client.query("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('before the kill')");
      await client.end();
    });
    const killed = await readPostmasterPid(dataDir);
    if (killed === null) throw new Error("no postmaster.pid");
    process.kill(killed, "SIGKILL");
    await waitFor("the postmaster to die", () => !isProcessAlive(killed));

    await waitFor(
      "Postgres to answer again",
      async () => {
        const pid = await readPostmasterPid(dataDir);
        return pid !== null && pid !== killed && (await answers(kept.first.url));
      },
      90_000,
    );
    const client = new pg.Client({ connectionString: kept.first.url });
    await client.connect();
    const { rows } = await client.query<{ note: string }>("SELECT note FROM kept");
    await client.end();
    expect(rows).toEqual([{ note: "before the kill" }]);
    expect(logged.join("\n")).toContain("exited; starting it again");
  });
});

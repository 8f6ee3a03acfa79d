import { spawn } from "node:child_process";
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { LEGACY_PASSWORD, passwordFile } from "./embedded-postgres-password";
import { isProcessAlive } from "./postmaster-lock";

const dataDir = path.resolve(`.data/test-embedded-${process.pid}`);

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(passwordFile(dataDir), { force: true });
});

describe("startEmbeddedPostgres", () => {
  // Every test starts from this stopped cluster holding one row, and leaves it stopped.
  beforeAll(async () => {
    const first = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      expect(first.url).toMatch(/^postgresql:\/\/postgres:[0-9a-f]{48}@127\.0\.0\.1:\d+\/outflow$/);
      await query(first.url, "CREATE TABLE kept (note text)");
      await query(first.url, "INSERT INTO kept VALUES ('survives restarts')");
    } finally {
      await first.stop();
    }
  });

  it("keeps data across a stop and a restart, and a second stop is harmless", async () => {
    const first = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      expect(await query(first.url, "SELECT note FROM kept")).toEqual([{ note: "survives restarts" }]);
    } finally {
      await first.stop();
    }
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      expect(await query(second.url, "SELECT note FROM kept")).toEqual([{ note: "survives restarts" }]);
    } finally {
      await second.stop();
    }
  });

  it("starts despite a postmaster.pid left by a Postgres that no longer runs", async () => {
    const lockPath = path.join(dataDir, "postmaster.pid");
    await writeFile(lockPath, `${await deadPid()}\n${dataDir}\n1700000000\n54329\n/tmp\n127.0.0.1\n`);

    const postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      expect(await query(postgres.url, "SELECT note FROM kept")).toEqual([{ note: "survives restarts" }]);
      expect((await readFile(lockPath, "utf8")).split("\n")[3]).toBe(String(postgres.port));
    } finally {
      await postgres.stop();
    }
  });

  it("stops a Postgres orphaned by a killed Node parent and starts afresh", async () => {
    const nodePid = await startInChildProcess(dataDir);
    process.kill(nodePid, "SIGKILL");
    const orphanPid = Number.parseInt(await readFile(path.join(dataDir, "postmaster.pid"), "utf8"), 10);
    expect(isProcessAlive(orphanPid)).toBe(true);

    const postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      expect(isProcessAlive(orphanPid)).toBe(false);
      expect(await query(postgres.url, "SELECT note FROM kept")).toEqual([{ note: "survives restarts" }]);
    } finally {
      await postgres.stop();
    }
  });
});

describe("the embedded Postgres password", () => {
  const legacyDir = path.resolve(`.data/test-embedded-legacy-${process.pid}`);
  afterAll(async () => {
    await rm(legacyDir, { recursive: true, force: true });
    await rm(passwordFile(legacyDir), { force: true });
  });

  it("is random, kept next to the cluster for its owner only, and refuses postgres:postgres", async () => {
    const postgres = await startEmbeddedPostgres({ dataDir: legacyDir, port: 0 });
    try {
      const password = (await readFile(passwordFile(legacyDir), "utf8")).trim();
      expect(new URL(postgres.url).password).toBe(password);
      expect((await stat(passwordFile(legacyDir))).mode & 0o077).toBe(0);
      await expect(query(withPassword(postgres.url, LEGACY_PASSWORD), "SELECT 1")).rejects.toMatchObject({
        code: "28P01",
      });
    } finally {
      await postgres.stop();
    }
  });

  it("moves a cluster created with postgres:postgres to a random password on its next start", async () => {
    // A data folder from before: the role's password is postgres and there is no password file.
    const before = await startEmbeddedPostgres({ dataDir: legacyDir, port: 0 });
    try {
      await query(before.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
      await query(before.url, `ALTER ROLE postgres PASSWORD '${LEGACY_PASSWORD}'`);
    } finally {
      await before.stop();
    }
    await rm(passwordFile(legacyDir));

    const after = await startEmbeddedPostgres({ dataDir: legacyDir, port: 0 });
    try {
      expect(new URL(after.url).password).toMatch(/^[0-9a-f]{48}$/);
      expect(await query(after.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
      await expect(query(withPassword(after.url, LEGACY_PASSWORD), "SELECT 1")).rejects.toMatchObject({
        code: "28P01",
      });
    } finally {
      await after.stop();
    }
  });
});

function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The PID of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.once("exit", resolve));
  if (child.pid === undefined) throw new Error("could not spawn a short-lived process");
  return child.pid;
}

/** Starts Postgres from a separate Node process, as a dev server would, and returns once it is up. */
async function startInChildProcess(dir: string): Promise<number> {
  const modulePath = path.resolve("lib/db/embedded-postgres.ts");
  const source = [
    `const { startEmbeddedPostgres } = await import(${JSON.stringify(modulePath)});`,
    `await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dir)}, port: 0 });`,
    'console.log("ready");',
    "setInterval(() => {}, 60_000);",
  ].join("\n");
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", source], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`child exited with ${code} before Postgres was up`)));
  });
  if (child.pid === undefined) throw new Error("could not spawn the child process");
  return child.pid;
}

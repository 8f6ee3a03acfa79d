/**
 * The app process (`npm run dev`/`npm start`: scripts/run-app.ts, web and worker in one) lives
 * through its embedded Postgres being killed mid-run: it starts Postgres again, its worker resumes
 * the run by itself, and its Next server keeps listening. Nothing lost, repeats under their first
 * Idempotency-Key. Runs the dev server (no build needed); no page is requested.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfig, setDatabaseUrl } from "@/lib/config";
import { db, disconnectDb } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { isProcessAlive, readPostmasterPid } from "@/lib/db/postmaster-lock";
import { activateDestination } from "@/lib/delivery/lifecycle";
import { createFlow, waitFor } from "@/lib/testing/delivery-fixtures";
import { type Sink, startSink } from "@/lib/testing/sink";

const RECORDS = 300;
let dataDir: string;
let clusterDir: string;
let app: ChildProcess | undefined;
let output = "";
let sink: Sink;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "outflow-app-restart-"));
  clusterDir = path.join(dataDir, "postgres");
  sink = await startSink();
});

afterAll(async () => {
  if (app && app.exitCode === null && app.signalCode === null) {
    const exited = new Promise((resolve) => app?.once("exit", resolve));
    app.kill("SIGTERM");
    const force = setTimeout(() => app?.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(force);
  }
  await sink?.close();
  await disconnectDb();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/** The cluster's URL at the port its postmaster.pid names now. */
async function clusterUrl(url: string): Promise<string> {
  const port = (await readFile(path.join(clusterDir, "postmaster.pid"), "utf8")).split("\n")[3];
  return url.replace(/:\d+\/outflow$/, `:${port}/outflow`);
}

// Generous: a dev server and two Postgres starts on a machine busy with other test files.
describe("the app process when its Postgres is killed", { timeout: 300_000 }, () => {
  it("starts Postgres again, resumes the run by itself and keeps serving", async ({ onTestFailed }) => {
    onTestFailed(() => console.log(`--- app output\n${output}`));
    const config = getConfig();
    const webPort = await freePort();
    // No DATABASE_URL: the app starts the embedded Postgres of its data folder, as by default.
    // The keys are this process's, so the app can read the flow's credential.
    app = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "run-app.ts"), "dev"], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        DATABASE_URL: "",
        OUTFLOW_DATA_DIR: dataDir,
        OUTFLOW_SECRET_KEY: config.encryptionKey.toString("base64"),
        OUTFLOW_AUTH_SECRET: config.authSecret,
        PORT: String(webPort),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    app.stdout?.on("data", collect);
    app.stderr?.on("data", collect);
    await waitFor("the app's worker to start", () => output.includes("Delivery worker started"), 180_000);

    // This process reaches the app's database the way `npm run worker` would: by its data folder.
    const adopted = await startEmbeddedPostgres({ dataDir: clusterDir });
    setDatabaseUrl(adopted.url);
    sink.respond = async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { status: 200, body: '{"ok":true}' };
    };
    const flow = await createFlow({ sinkUrl: sink.url, records: RECORDS, settings: { concurrency: 4 } });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor("50 requests", () => sink.requests.length >= 50, 60_000);

    const killed = await readPostmasterPid(clusterDir);
    if (killed === null) throw new Error("no postmaster.pid in the app's cluster");
    process.kill(killed, "SIGKILL");
    await waitFor("the postmaster to die", () => !isProcessAlive(killed));
    const atKill = sink.requests.length;
    await disconnectDb();

    await waitFor(
      "the app to start Postgres again",
      async () => {
        const pid = await readPostmasterPid(clusterDir);
        return pid !== null && pid !== killed && isProcessAlive(pid);
      },
      90_000,
    );
    setDatabaseUrl(await clusterUrl(adopted.url));
    await waitFor(
      "every record after the restart",
      () => new Set(sink.requests.map((request) => request.body)).size === RECORDS,
      150_000,
    );
    expect(sink.requests.length).toBeGreaterThan(atKill);
    await waitFor(
      "the run to finish",
      async () => {
        const run = await db().run.findFirst({ where: { destinationId: flow.destinationId } });
        return run?.status === "succeeded";
      },
      60_000,
    );

    // The app and its Next server lived through it.
    expect(app.exitCode).toBeNull();
    expect(app.signalCode).toBeNull();
    // The app ends when its Next server does; listening shows it got as far as serving.
    await waitFor("the Next server to listen", () => listening(webPort), 120_000);
    expect(output).toContain("exited; starting it again");

    // A request whose outcome was lost with Postgres went again, with the key it first carried.
    const keyOf = new Map<string, string | undefined>();
    for (const request of sink.requests) {
      if (keyOf.has(request.body)) expect(request.idempotencyKey).toBe(keyOf.get(request.body));
      else keyOf.set(request.body, request.idempotencyKey);
    }
    expect(new Set(keyOf.values()).size).toBe(RECORDS);
  });
});

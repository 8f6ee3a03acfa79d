/**
 * Delivery workers as separate processes, as `npm run worker` starts them: for tests of what
 * several workers share (rate limits) and of what survives a worker killed mid-run. Each runs
 * scripts/worker.ts, as bundled once by the global setup (lib/testing/worker-bundle.ts), in one
 * node process (so a signal reaches the worker itself), against the test database.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { inject } from "vitest";
import { requireDatabaseUrl } from "@/lib/config";

export type WorkerProcess = {
  pid: number;
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Sends the signal and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
};

const STARTED = /Delivery worker (\d+) started/;
const running = new Set<WorkerProcess>();

export async function startWorkerProcess(
  /** `env` is added to this process's environment; `DATABASE_URL: ""` has the worker find its own. */
  options: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<WorkerProcess> {
  const databaseUrl = requireDatabaseUrl();
  const child = spawn(process.execPath, [inject("workerBundle")], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: databaseUrl, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

  const worker: WorkerProcess = {
    pid: child.pid ?? -1,
    output: () => output,
    async kill(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      running.delete(worker);
    },
  };
  running.add(worker);

  await waitForStart(child, () => output, exited, options.timeoutMs ?? 60_000).catch(async (error) => {
    await worker.kill("SIGKILL");
    throw error;
  });
  return worker;
}

async function waitForStart(
  child: ChildProcess,
  output: () => string,
  exited: Promise<void>,
  timeoutMs: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      new Promise<void>((resolve) => {
        poll = setInterval(() => {
          if (STARTED.test(output())) resolve();
        }, 20);
      }),
      exited.then(() => {
        throw new Error(`The worker process exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`The worker process did not start in ${timeoutMs} ms:\n${output()}`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearInterval(poll);
    clearTimeout(timer);
  }
}

/**
 * Stops every worker process still running (SIGTERM: they finish their requests in flight), with
 * SIGKILL for any still there after `graceMs`.
 */
export async function stopWorkerProcesses(
  signal: NodeJS.Signals = "SIGTERM",
  graceMs = 10_000,
): Promise<void> {
  await Promise.all(
    [...running].map(async (worker) => {
      const force = setTimeout(() => void worker.kill("SIGKILL"), graceMs);
      try {
        await worker.kill(signal);
      } finally {
        clearTimeout(force);
      }
    }),
  );
}

/** The output of every worker process started, for the log of a failed test. */
export function workerProcessOutput(workers: WorkerProcess[]): string {
  return workers.map((worker) => `--- worker process ${worker.pid}\n${worker.output()}`).join("\n");
}

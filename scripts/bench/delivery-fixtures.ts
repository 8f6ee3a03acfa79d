/**
 * What the delivery bench (delivery-bench.ts) works with: the sink process, worker processes,
 * datasets of tiny and realistic records, a credential and destinations set up as the wizard would,
 * and small measuring helpers. Import only once the bench's database is configured.
 */
import { type ChildProcess, fork, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { credentialInputSchema } from "@/lib/credentials/credential-input";
import { saveCredential } from "@/lib/credentials/save-credential";
import { createDataset } from "@/lib/datasets/manage-datasets";
import { appendRecords } from "@/lib/datasets/store/append-records";
import { db } from "@/lib/db/client";
import { saveDeliverySettings } from "@/lib/delivery/delivery-settings";
import type { DestinationConfig } from "@/lib/destinations/destination-config";
import {
  completeDestination,
  createDestinationDraft,
  getDestination,
} from "@/lib/destinations/manage-destinations";

/** Requests in flight per destination (its Delivery settings' concurrency), and the bare loop's. */
export const CONCURRENCY = 4;
export const SINK_TOKEN = "bench-token-0123456789abcdef";

export type Shape = "tiny" | "realistic";

export type Sink = {
  url: string;
  process: ChildProcess;
  /** Zeroes the counts (and keeps each arrival from now on when `keep`); returns the counts before. */
  reset(keep?: boolean): Promise<SinkStats>;
  stats(): Promise<SinkStats>;
};
export type SinkStats = { requests: number; bytes: number; arrivals: [number, number][] };

export type Bench = { workspaceId: string; credentialId: string; sink: Sink };

/** A workspace of its own with one credential on `sink`, limited far above anything the bench sends. */
export async function openBench(sink: Sink, workspaceName: string): Promise<Bench> {
  const workspaceId = (await db().workspace.create({ data: { name: workspaceName } })).id;
  const credentialId = await createCredential(workspaceId, sink.url, 1_000_000);
  return { workspaceId, credentialId, sink };
}

export async function createCredential(
  workspaceId: string,
  sinkUrl: string,
  perSecond: number,
): Promise<string> {
  const credential = await saveCredential(
    workspaceId,
    credentialInputSchema.parse({
      connectorId: "http",
      name: "Bench API",
      values: { authType: "bearer", token: SINK_TOKEN },
      baseUrl: sinkUrl,
      rateLimitRequests: perSecond,
      rateLimitWindowSeconds: 1,
    }),
  );
  return credential.id;
}

export async function datasetOf(bench: Bench, name: string, shape: Shape, records: number): Promise<string> {
  const { id } = await createDataset(bench.workspaceId, name);
  const make = shape === "tiny" ? tinyRecords : realisticRecords;
  for (let from = 1; from <= records; from += 20_000) {
    await appendRecords(id, make(from, Math.min(records, from + 19_999)));
  }
  return id;
}

/** A destination on the dataset, configured manually as in the wizard: POST JSON to the sink. */
export async function addDestination(
  bench: Bench,
  datasetId: string,
  batchSize: number,
  name: string,
  concurrency = CONCURRENCY,
): Promise<string> {
  const { id } = await createDestinationDraft(bench.workspaceId, datasetId, "http");
  const detail = await getDestination(bench.workspaceId, id);
  if (!detail) throw new Error("the destination draft was not created");
  const config: DestinationConfig = {
    ...detail.config,
    name,
    credentialId: bench.credentialId,
    responseWebhook: false,
    endpoint: {
      ...detail.config.endpoint,
      mode: "manual",
      method: "POST",
      url: `${bench.sink.url}/events`,
      contentFormat: "json",
      headers: [],
      bodyTemplate: null,
      excludeAttributes: [],
      batching:
        batchSize > 1
          ? { enabled: true, size: batchSize, grouping: "fixed", envelopeKey: "records" }
          : { ...detail.config.endpoint.batching, enabled: false },
    },
  };
  await completeDestination(bench.workspaceId, id, config, "bench");
  await saveDeliverySettings(bench.workspaceId, id, {
    schedule: "continuous",
    concurrency,
    maxAttempts: 6,
    retryBaseSeconds: 0.2,
    requestTimeoutSeconds: 30,
  });
  return id;
}

/** Waits until the destination has `count` finished runs; returns them, oldest first. */
export async function waitForRuns(destinationId: string, count: number) {
  for (;;) {
    const runs = await db().run.findMany({ where: { destinationId }, orderBy: { startedAt: "asc" } });
    if (runs.length >= count && runs.every((run) => run.status !== "running")) return runs;
    await sleep(20);
  }
}

/** Records `{"n", "email"}`: about 40 bytes. */
export function tinyRecords(from: number, to: number): Record<string, unknown>[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({
    n: from + i,
    email: `user${from + i}@example.com`,
  }));
}

const PLANS = ["free", "starter", "pro", "enterprise"];
const COUNTRIES = ["DE", "FR", "US", "GB", "JP", "BR", "IN", "NL"];

/** Records as a product's user events look: about 300 bytes of JSON each. */
export function realisticRecords(from: number, to: number): Record<string, unknown>[] {
  return Array.from({ length: to - from + 1 }, (_, i) => {
    const n = from + i;
    return {
      n,
      email: `user${n}@example.com`,
      user_id: `usr_${(n * 2654435761).toString(36).padStart(12, "0")}`,
      first_name: "Ada",
      last_name: `Lovelace-${n % 1000}`,
      plan: PLANS[n % PLANS.length],
      country: COUNTRIES[n % COUNTRIES.length],
      signed_up_at: new Date(1_700_000_000_000 + n * 61_000).toISOString(),
      sessions: n % 97,
      lifetime_value: (n % 10_000) / 4,
      marketing_opt_in: n % 3 === 0,
      event: "checkout_completed",
      utm: { source: "newsletter", campaign: "spring-launch-2024" },
      tags: ["beta", n % 2 === 0 ? "mobile" : "web"],
    };
  });
}

export async function startSink(env: Record<string, string> = {}): Promise<Sink> {
  const child = fork(path.join(import.meta.dirname, "sink-server.mjs"), {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
    env: { ...process.env, ...env },
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once("data", (chunk: Buffer) =>
      resolve((JSON.parse(chunk.toString()) as { port: number }).port),
    );
    child.once("exit", () => reject(new Error("The bench sink did not start.")));
  });
  const ask = (message: object) =>
    new Promise<SinkStats>((resolve) => {
      child.once("message", (answer) => resolve(answer as SinkStats));
      child.send(message);
    });
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    reset: (keep = false) => ask({ type: "reset", keep }),
    stats: () => ask({ type: "stats" }),
  };
}

/** `npm run worker`'s node options and script (package.json), so that the bench runs what users start. */
function workerArgs(): string[] {
  const script = String(JSON.parse(readFileSync("package.json", "utf8")).scripts.worker);
  const [program, ...args] = script.split(" ");
  if (program !== "node") throw new Error(`package.json's worker script should start with node: ${script}`);
  return args;
}

export async function startWorker(env: Record<string, string> = {}): Promise<ChildProcess> {
  // OUTFLOW_BENCH_WORKER_ARGS adds node options to the workers, e.g. "--cpu-prof --cpu-prof-dir=prof".
  const nodeArgs = (process.env.OUTFLOW_BENCH_WORKER_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...workerArgs()], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Delivery worker")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`The worker exited with ${code}.`)));
  });
  return child;
}

export async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Peak resident set of a process so far (Linux), in MB. */
export function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return Math.round(kb / 1024);
  } catch {
    return Number.NaN;
  }
}

export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

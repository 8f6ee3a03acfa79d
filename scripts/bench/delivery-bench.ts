/**
 * Delivery throughput (issue 6): Outflow's run executor against a loopback sink, (a) one record per
 * request and (b) batches of 100, next to a bare undici keep-alive loop sending the same bodies to
 * the same sink with the same concurrency. The delivery runs in a separate worker process, as
 * `npm run worker` starts it, so its peak RSS is its own. Import only once the bench's database is
 * configured (DATABASE_URL set).
 */
import { type ChildProcess, fork, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Agent, request } from "undici";
import { appendRecords } from "@/lib/datasets/store/append-records";
import { db } from "@/lib/db/client";
import { activateDestination } from "@/lib/delivery/lifecycle";
import { createFlow, numberedRecords } from "@/lib/testing/delivery-fixtures";

export const CONCURRENCY = 4;

export type DeliveryCase = {
  label: string;
  records: number;
  requests: number;
  outflowSeconds: number;
  bareSeconds: number;
  workerPeakRssMb: number;
  delivered: number;
};

export const CASES = [
  { label: "(a) 1 record per request", records: 10_000, batchSize: 1 },
  { label: "(b) batches of 100", records: 200_000, batchSize: 100 },
];

export async function benchDelivery(): Promise<DeliveryCase[]> {
  const sink = await startSink();
  try {
    const results: DeliveryCase[] = [];
    for (const [index, spec] of CASES.entries()) {
      const bodies = bareBodies(spec.records, spec.batchSize);
      const bareSeconds = await bareLoop(sink.url, bodies);
      const flow = await createFlow({
        sinkUrl: sink.url,
        name: `Bench ${index + 1}`,
        batchSize: spec.batchSize,
        rateLimit: { requests: 1_000_000, windowSeconds: 1 },
        settings: { concurrency: CONCURRENCY, requestTimeoutSeconds: 30 },
      });
      for (let from = 1; from <= spec.records; from += 50_000) {
        await appendRecords(flow.datasetId, numberedRecords(from, Math.min(spec.records, from + 49_999)));
      }
      const worker = await startWorker();
      try {
        const started = performance.now();
        await activateDestination(flow.workspaceId, flow.destinationId);
        const run = await waitForRun(flow.destinationId);
        const outflowSeconds = (performance.now() - started) / 1000;
        results.push({
          label: spec.label,
          records: spec.records,
          requests: bodies.length,
          outflowSeconds,
          bareSeconds,
          workerPeakRssMb: peakRssMb(worker.pid ?? 0),
          delivered: run.recordsDelivered,
        });
      } finally {
        await stopWorker(worker);
      }
    }
    return results;
  } finally {
    sink.process.kill();
  }
}

/** The same bodies the destination sends: one record, or `{"records": [...]}` per 100. */
function bareBodies(records: number, batchSize: number): string[] {
  const all = numberedRecords(1, records);
  if (batchSize === 1) return all.map((record) => JSON.stringify(record));
  const bodies: string[] = [];
  for (let i = 0; i < all.length; i += batchSize) {
    bodies.push(JSON.stringify({ records: all.slice(i, i + batchSize) }));
  }
  return bodies;
}

async function bareLoop(url: string, bodies: string[]): Promise<number> {
  const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 60_000 });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as string;
        const response = await request(`${url}/events`, {
          method: "POST",
          body,
          headers: { "content-type": "application/json", authorization: "Bearer bench" },
          dispatcher: agent,
        });
        await response.body.text();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return seconds;
}

async function waitForRun(destinationId: string) {
  for (;;) {
    const run = await db().run.findFirst({ where: { destinationId, trigger: "activate" } });
    if (run && run.status !== "running") return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startSink(): Promise<{ url: string; process: ChildProcess }> {
  const child = fork(path.join(import.meta.dirname, "sink-server.mjs"), {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once("data", (chunk: Buffer) =>
      resolve((JSON.parse(chunk.toString()) as { port: number }).port),
    );
    child.once("exit", () => reject(new Error("The bench sink did not start.")));
  });
  return { url: `http://127.0.0.1:${port}`, process: child };
}

async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: process.env,
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

async function stopWorker(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Peak resident set of a process so far (Linux), in MB. */
function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return Math.round(kb / 1024);
  } catch {
    return Number.NaN;
  }
}

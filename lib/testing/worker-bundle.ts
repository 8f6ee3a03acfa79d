/**
 * The delivery worker (scripts/worker.ts) bundled into one file for the tests that start worker
 * processes. Under tsx each start compiles the worker's whole module graph again, about 2 CPU-seconds
 * more than loading it prebuilt; a dozen processes per run share two cores with the other test
 * files. The bundle is the same source, dependencies left as imports from node_modules.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "../..");

/** Writes the bundle and returns its path; `remove()` deletes it. */
export async function bundleWorker(): Promise<{ file: string; remove(): void }> {
  // Inside node_modules, so that the bundle's imports resolve to the project's packages; named per
  // run, so that two runs on one machine never share one.
  const folder = path.join(root, "node_modules", ".cache", "outflow");
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `worker-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(root, "scripts", "worker.ts")],
    outfile: file,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    alias: { "@": root },
    logLevel: "error",
  });
  return { file, remove: () => rmSync(file, { force: true }) };
}

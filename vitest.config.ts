import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const root = fileURLToPath(new URL(".", import.meta.url));
const notHere = ["node_modules/**", ".next/**", ".data/**", "e2e/**"];

/**
 * Integration files that start worker or app processes take the longest (each waits on processes
 * starting, sending and being killed). Without timings from an earlier run, as on a fresh clone,
 * Vitest orders files by size, and one of them starting last leaves a core idle while it runs
 * alone; started first, the short files fill the other workers around them.
 */
class ProcessFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const startsProcesses = (file: TestSpecification) =>
      /startWorkerProcess|run-app\.ts|startEmbeddedPostgres/.test(readFileSync(file.moduleId, "utf8"));
    return [...sorted.filter(startsProcesses), ...sorted.filter((file) => !startsProcesses(file))];
  }
}

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    reporters: ["default", "json"],
    // Vitest orders files across projects, so the sequencer is set here, not in a project.
    sequence: { sequencer: ProcessFilesFirst },
    outputFile: { json: "reports/vitest.json" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.{ts,tsx}"],
          exclude: [...notHere, "**/*.int.test.{ts,tsx}"],
          // Unit tests touch no shared resource, so files share their workers' modules instead of
          // loading them afresh: 6 s instead of 23. A file that leaked state into another would
          // show under --sequence.shuffle.
          pool: "threads",
          isolate: false,
          // A few files parse 100,000 records; beside the type check and the build (npm test runs
          // them side by side) they need more than the default 5 s. Nothing here measures speed.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.{ts,tsx}"],
          exclude: notHere,
          // One real Postgres for the run and a migrated template database in it; every file gets a
          // copy of its own, so files run side by side. See lib/testing/postgres-global-setup.ts.
          globalSetup: ["./lib/testing/postgres-global-setup.ts"],
          setupFiles: ["./lib/testing/database-per-file.ts"],
          maxWorkers: 3,
          // Safety nets, not measures: npm test runs these beside the end-to-end tests, and password
          // hashing, worker processes and thousands of requests share two cores with them.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});

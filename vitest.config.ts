import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const notHere = ["node_modules/**", ".next/**", ".data/**", "e2e/**"];

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    reporters: ["default", "json"],
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

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
        test: { name: "unit", include: ["**/*.test.ts"], exclude: [...notHere, "**/*.int.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: notHere,
          // One real Postgres for the run, a fresh database in it; see lib/testing/postgres-global-setup.ts.
          globalSetup: ["./lib/testing/postgres-global-setup.ts"],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { ownerStorageState } from "./e2e/fixtures";
import { chromiumPath } from "./scripts/chromium-path";

// scripts/test-e2e.ts picks a free port and a fresh data folder, builds the app, then runs this.
const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? ".data/e2e");
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  // Specs share nothing but the owner, so two run side by side (2.1 minutes instead of 2.6 on two
  // cores with the headless shell); a spec's tests run in order.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // Safety nets, not measures: the app, two browsers and the fake APIs share two cores.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  use: {
    baseURL,
    // Recording a trace of every test, to keep the failed ones', costs the run an eighth of its
    // time on two cores; a failure keeps a screenshot, and `npm run test:e2e -- --trace=on <spec>`
    // records the trace of a spec being looked into.
    trace: "off",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // Signs up the workspace owner once; every spec starts signed in as them.
    { name: "setup", testMatch: /\.setup\.ts$/ },
    { name: "chromium", dependencies: ["setup"], use: { storageState: ownerStorageState } },
  ],
  webServer: {
    // The production build, started the way users start it, on its own embedded Postgres.
    command: `"${process.execPath}" node_modules/tsx/dist/cli.mjs scripts/run-app.ts start`,
    url: `${baseURL}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      OUTFLOW_URL: baseURL,
      OUTFLOW_DATA_DIR: dataDir,
      OUTFLOW_SECRET_KEY: Buffer.alloc(32, 1).toString("base64"),
      OUTFLOW_AUTH_SECRET: "e2e-auth-secret-that-is-long-enough-0123456789",
      // The fake APIs the tests start listen on loopback, which production refuses by default.
      OUTFLOW_ALLOWED_HOSTS: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});

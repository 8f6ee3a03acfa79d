/**
 * `npm run test:e2e`: checks for Chromium, builds the app, then runs Playwright against the
 * production build on a free port with a fresh data folder (its own embedded Postgres).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { chromiumPath, requireChromium } from "./chromium-path";

requireChromium();
const chromium = chromiumPath;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const node = process.execPath;
if (!process.argv.includes("--no-build")) {
  execFileSync(node, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}

const dataDir = path.resolve(".data/e2e");
rmSync(dataDir, { recursive: true, force: true });
const port = await freePort();
const extraArgs = process.argv.slice(2).filter((arg) => arg !== "--no-build");
const result = spawnSync(node, ["node_modules/@playwright/test/cli.js", "test", ...extraArgs], {
  stdio: "inherit",
  env: { ...process.env, E2E_PORT: String(port), E2E_DATA_DIR: dataDir, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);

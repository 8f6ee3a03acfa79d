/**
 * `npm test`: every check. Type check, lint, unit tests and the production build start side by
 * side (each is short, and one after another they leave a core idle); the integration tests start
 * once the first three are done, beside the rest of the build, whose last half leaves a core
 * mostly idle; the end-to-end tests run against that build once both are done. The integration
 * and end-to-end tests do not overlap: together they put a dozen processes on two cores.
 * Each line a stage prints is prefixed with its name; the times are printed at the end.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { requireChromium } from "./chromium-path";

type Stage = { name: string; command: string[] };

const node = process.execPath;
const bin = (name: string) => `node_modules/${name}`;

const quickChecks: Stage[] = [
  { name: "typecheck", command: [node, bin("typescript/bin/tsc"), "--noEmit"] },
  { name: "lint", command: [node, bin("@biomejs/biome/bin/biome"), "check", "."] },
  {
    name: "unit",
    command: [
      node,
      bin("vitest/vitest.mjs"),
      "run",
      "--project",
      "unit",
      "--outputFile.json=reports/vitest-unit.json",
    ],
  },
];

const build: Stage = { name: "build", command: [node, bin("next/dist/bin/next"), "build"] };

const integration: Stage = {
  name: "integration",
  command: [
    node,
    bin("vitest/vitest.mjs"),
    "run",
    "--project",
    "integration",
    "--outputFile.json=reports/vitest-integration.json",
  ],
};

const e2e: Stage = {
  name: "e2e",
  command: [node, bin("tsx/dist/cli.mjs"), "scripts/test-e2e.ts", "--no-build"],
};

const times: string[] = [];

function runStage({ name, command }: Stage): Promise<boolean> {
  const [file, ...args] = command as [string, ...string[]];
  const started = Date.now();
  const child = spawn(file, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NO_COLOR: "1" },
  });
  const width = Math.max(...[...quickChecks, build, integration, e2e].map((stage) => stage.name.length));
  const prefix = `${name.padEnd(width)} │ `;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => process.stdout.write(`${prefix}${line}\n`));
  }
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      const ok = code === 0;
      times.push(`${name} ${seconds} s${ok ? "" : signal ? ` (stopped: ${signal})` : " (failed)"}`);
      console.log(`${prefix}${ok ? "passed" : "FAILED"} in ${seconds} s`);
      resolve(ok);
    });
  });
}

/** Runs the stages side by side; each finishes even when another fails, so every report is whole. */
async function runWave(stages: Stage[]): Promise<boolean> {
  const results = await Promise.all(stages.map(runStage));
  return results.every(Boolean);
}

// Chromium first: a machine without it fails in a second, not after the other stages.
requireChromium();
const started = Date.now();
const built = runStage(build);
// A failed stage ends the run before the next starts; the summary counts the reports not written.
const checked = (await runWave(quickChecks)) && (await runStage(integration));
const ok = (await built) && checked && (await runStage(e2e));
console.log(`Stage times: ${times.join(", ")}; ${Math.round((Date.now() - started) / 1000)} s in all`);
process.exit(ok ? 0 : 1);

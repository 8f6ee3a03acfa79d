/**
 * `npm run outflow -- <export|plan|apply> [file]`: flows as code from a terminal or CI, through the
 * REST API. OUTFLOW_URL is the app (default http://localhost:3000) and OUTFLOW_API_TOKEN a personal
 * API token. `${VARIABLE}` placeholders in the file are filled from the environment; those left
 * unset keep the secrets already saved.
 *
 * Exit codes, as `terraform plan -detailed-exitcode`: 0 nothing to change (or applied), 2 the plan
 * has changes, 1 an error or a problem in the document.
 */
import { readFileSync } from "node:fs";

type Change = { path: string; kind: string; before?: unknown; after?: unknown };
type Plan = {
  items: { kind: string; name: string; action: string; changes: Change[] }[];
  problems: { path: string; message: string }[];
  hasChanges: boolean;
};

const [command, file] = process.argv.slice(2);
// A command-line tool's own settings: read here, not from the server's configuration.
const base = (process.env.OUTFLOW_URL ?? "http://localhost:3000").replace(/\/+$/, "");
const token = process.env.OUTFLOW_API_TOKEN;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function call(method: string, path: string, body?: string): Promise<Response> {
  if (!token) fail("Set OUTFLOW_API_TOKEN to a personal API token (Outflow → API tokens).");
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/yaml" } : {}) },
    body,
  }).catch((error: Error) => fail(`Could not reach ${base}: ${error.message}`));
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as {
      detail?: string;
      errors?: Record<string, string>;
    };
    const lines = Object.entries(problem.errors ?? {}).map(([path, message]) => `  ${path}: ${message}`);
    fail([`${response.status}: ${problem.detail ?? response.statusText}`, ...lines].join("\n"));
  }
  return response;
}

function readDocument(): string {
  if (!file) fail(`Usage: npm run outflow -- ${command} flows.yaml`);
  const text = readFileSync(file, "utf8");
  return text.replace(
    /\$\{([A-Z_][A-Z0-9_]*)\}/g,
    (placeholder, name: string) => process.env[name] ?? placeholder,
  );
}

const SIGNS: Record<string, string> = { create: "+", change: "~", delete: "-" };

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function printPlan(plan: Plan): void {
  for (const item of plan.items) {
    if (item.action === "unchanged") continue;
    console.log(`${SIGNS[item.action] ?? "?"} ${item.action} ${item.kind} "${item.name}"`);
    for (const change of item.changes) {
      const what =
        change.kind === "added"
          ? `added ${show(change.after)}`
          : change.kind === "removed"
            ? `removed ${show(change.before)}`
            : `${show(change.before)} → ${show(change.after)}`;
      console.log(`    ${change.path}: ${what}`);
    }
  }
  for (const problem of plan.problems) console.log(`! ${problem.path}: ${problem.message}`);
  const count = (action: string) => plan.items.filter((item) => item.action === action).length;
  console.log(
    plan.hasChanges
      ? `Plan: ${count("create")} to create, ${count("change")} to change, ${count("delete")} to delete.`
      : "No changes: the workspace matches the document.",
  );
}

if (command === "export") {
  process.stdout.write(await (await call("GET", "/api/v1/export")).text());
} else if (command === "plan") {
  const plan = (await (await call("POST", "/api/v1/plan", readDocument())).json()) as Plan;
  printPlan(plan);
  process.exit(plan.problems.length > 0 ? 1 : plan.hasChanges ? 2 : 0);
} else if (command === "apply") {
  const result = (await (await call("POST", "/api/v1/apply", readDocument())).json()) as {
    plan: Plan;
    applied: { kind: string; name: string; action: string }[];
  };
  printPlan(result.plan);
  console.log(`Applied: ${result.applied.length} change${result.applied.length === 1 ? "" : "s"}.`);
} else {
  fail("Usage: npm run outflow -- export > flows.yaml | plan flows.yaml | apply flows.yaml");
}

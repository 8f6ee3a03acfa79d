/**
 * The vendors' own SDKs are the contract: every FullStory and HubSpot template's requests, built
 * from varied records, are type-checked against the models of @fullstory/server-api-client and
 * @hubspot/api-client (generated from the vendors' API specs), and their method and path are
 * found among the SDKs' API calls. No network: the SDKs are read, never run. FullStory's webhook
 * endpoints have no SDK model; their fake API checks them against connector-apis.md.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sampleRecords } from "@/lib/datasets/sample-records";
import { build } from "./golden";
import { SAMPLE_MAPPINGS } from "./sample-mappings";

const FS_MODELS = "@fullstory/server-api-client/lib/model";
const HS = "@hubspot/api-client/lib/codegen";

/** The SDK model each template's body must be, and where it is declared. */
const MODELS: Record<string, { type: string; from: string }> = {
  "fullstory/create-or-update-user": {
    type: "CreateUserRequest",
    from: `${FS_MODELS}/users/CreateUserRequest`,
  },
  "fullstory/batch-create-users": {
    type: "CreateBatchUserImportJobRequest",
    from: `${FS_MODELS}/users/CreateBatchUserImportJobRequest`,
  },
  "fullstory/create-event": { type: "CreateEventRequest", from: `${FS_MODELS}/events/CreateEventRequest` },
  "fullstory/create-batch-events-import-job": {
    type: "CreateBatchEventsImportJobRequest",
    from: `${FS_MODELS}/events/CreateBatchEventsImportJobRequest`,
  },
  "hubspot/contacts": {
    type: "BatchInputSimplePublicObjectBatchInputUpsert",
    from: `${HS}/crm/contacts/models/BatchInputSimplePublicObjectBatchInputUpsert`,
  },
  "hubspot/events": {
    type: "BehavioralEventHttpCompletionRequest",
    from: `${HS}/events/send/models/BehavioralEventHttpCompletionRequest`,
  },
  "hubspot/events-batch": {
    type: "BatchedBehavioralEventHttpCompletionRequest",
    from: `${HS}/events/send/models/BatchedBehavioralEventHttpCompletionRequest`,
  },
};

/** Fields the SDK models type as Date: on the wire an ISO-8601 date-time, which the SDK parses. */
const DATE_FIELDS = new Set(["occurredAt"]);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A JSON value as a TypeScript literal, Date fields as `new Date(…)` once checked to be date-times. */
function literal(value: unknown, key?: string): string {
  if (key && DATE_FIELDS.has(key)) {
    expect(value, `${key} must be an ISO-8601 date-time`).toMatch(DATE_TIME);
    return `new Date(${JSON.stringify(value)})`;
  }
  if (Array.isArray(value)) return `[${value.map((item) => literal(item)).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${literal(v, k)}`);
    return `{${entries.join(", ")}}`;
  }
  return JSON.stringify(value);
}

/** "METHOD /path" of every call in the SDKs' API classes. */
function sdkCalls(): Set<string> {
  const calls = new Set<string>();
  const read = (dir: string, pattern: RegExp) => {
    for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
      if (!file.endsWith(".js")) continue;
      const text = readFileSync(path.join(dir, file), "utf8");
      for (const match of text.matchAll(pattern)) calls.add(`${match[2]} ${match[1]}`);
    }
  };
  read(
    "node_modules/@fullstory/server-api-client/lib/api",
    /apiPath = `\$\{this\.basePath\}([^`]+)`[\s\S]*?method: '([A-Z]+)'/g,
  );
  read(
    "node_modules/@hubspot/api-client/lib/codegen",
    /localVarPath = '([^']+)'[\s\S]*?HttpMethod\.([A-Z]+)/g,
  );
  return calls;
}

const JITSU_EVENTS = [
  { event_type: "user_identify", user: { email: "a@example.com", "Plan Tier": "pro", age: 41, vip: true } },
  {
    event_type: "Completed Purchase",
    user: { email: "b@example.com" },
    conversion: { revenue: 20.5 },
    utc_time: "2024-03-01 12:00:00",
  },
  {
    event_type: "page_view",
    eventn_ctx: { user: { email: "c@example.com" } },
    revenue: "12",
    timestamp: 1709294400,
  },
];

const dir = mkdtempSync(path.join(process.cwd(), "node_modules", ".vendor-models-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("requests checked against the vendors' SDK models", () => {
  it("every FullStory and HubSpot template, from the sample dataset and Jitsu-shaped events", async () => {
    const calls = sdkCalls();
    const checks: { label: string; model: { type: string; from: string }; body: unknown }[] = [];
    const cases = [
      ...Object.entries(SAMPLE_MAPPINGS.fullstory ?? {}).map(([id, s]) => ({
        connector: "fullstory",
        id,
        ...s,
        records: sampleRecords(4),
      })),
      ...Object.entries(SAMPLE_MAPPINGS.hubspot ?? {}).map(([id, s]) => ({
        connector: "hubspot",
        id,
        ...s,
        records: sampleRecords(4),
      })),
      // Without a mapping: the templates' default mapping of Jitsu's event shape.
      ...["identify-contacts", "custom-behavioral-events", "event-stream"].map((id) => ({
        connector: "hubspot",
        id,
        settings: { hub_id: "2519445" },
        mapping: undefined,
        records: JITSU_EVENTS,
      })),
    ];
    for (const { connector, id, settings, mapping, records } of cases) {
      for (const batching of [true, false]) {
        const result = await build(connector, id, "https://api.example.com", settings, records, {
          mapping,
          batching: { enabled: batching, size: 100, grouping: "fixed" },
        });
        for (const request of result.requests) {
          const url = new URL(request.url);
          const label = `${connector} ${id} ${request.method} ${url.pathname}`;
          if (url.pathname.startsWith("/webhooks/")) continue; // no SDK model: see the file's comment
          const sdkPath = url.pathname.replace(/^\/v2\/users\/[^/]+$/, "/v2/users/{id}");
          expect(calls, `${label} is a call of the vendor's SDK`).toContain(`${request.method} ${sdkPath}`);
          if (request.body === null) continue;
          const key =
            connector === "fullstory"
              ? `fullstory/${id}`
              : url.pathname.endsWith("/batch/upsert")
                ? "hubspot/contacts"
                : url.pathname.endsWith("/send/batch")
                  ? "hubspot/events-batch"
                  : "hubspot/events";
          const model = MODELS[key];
          if (!model) throw new Error(`no SDK model for ${label}`);
          checks.push({ label, model, body: JSON.parse(request.body) });
        }
      }
    }
    const imports = [
      ...new Set(checks.map((c) => `import type { ${c.model.type} } from "${c.model.from}";`)),
    ];
    const lines = checks.map(
      (c, i) => `// ${c.label}\nexport const body${i}: ${c.model.type} = ${literal(c.body)};`,
    );
    const file = path.join(dir, "check.ts");
    writeFileSync(file, `${imports.join("\n")}\n\n${lines.join("\n")}\n`);
    let diagnostics = "";
    try {
      execFileSync(
        process.execPath,
        [
          "node_modules/typescript/bin/tsc",
          "--ignoreConfig",
          "--noEmit",
          "--strict",
          "--skipLibCheck",
          "--target",
          "es2022",
          "--module",
          "esnext",
          "--moduleResolution",
          "bundler",
          file,
        ],
        { encoding: "utf8", stdio: "pipe" },
      );
    } catch (error) {
      diagnostics = `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`;
    }
    expect(checks.length).toBeGreaterThan(20);
    expect(diagnostics).toBe("");
  }, 60_000);
});

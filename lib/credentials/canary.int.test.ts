/**
 * Canary secrets against an API that echoes everything it receives: for every connector and every
 * HTTP API auth kind, Test Connection, Send Test Data, a failing delivery run and its alert webhook.
 * Afterwards no canary, in any form it travels in, may be anywhere but the encrypted columns.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { requireDatabaseUrl } from "@/lib/config";
import { SAMPLE_MAPPINGS } from "@/lib/connectors/templates/sample-mappings";
import { credentialInputSchema } from "@/lib/credentials/credential-input";
import { saveCredential } from "@/lib/credentials/save-credential";
import { testSavedCredential } from "@/lib/credentials/test-connection";
import { sampleRecords } from "@/lib/datasets/sample-records";
import { db, dbPool, disconnectDb } from "@/lib/db/client";
import { activateDestination } from "@/lib/delivery/lifecycle";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery/worker";
import { getDestination } from "@/lib/destinations/manage-destinations";
import { sendTestData } from "@/lib/destinations/send-test-data";
import { getDestinationRun } from "@/lib/monitoring/destination-runs";
import { getRequest, listRequests } from "@/lib/monitoring/request-log";
import { groupRunErrors } from "@/lib/monitoring/run-errors";
import { getAlertWebhookSetting, saveAlertWebhook } from "@/lib/notifications/alert-webhook-setting";
import { listNotifications } from "@/lib/notifications/notification-list";
import { createFlow, createTemplateFlow, type Flow, waitFor } from "@/lib/testing/delivery-fixtures";
import { type EchoServer, startEchoServer } from "@/lib/testing/fake-apis/echo-server";
import { resetDatabase } from "@/lib/testing/reset-database";
import { type Sink, startSink } from "@/lib/testing/sink";

const ACCESS_TOKEN = "CANARY-ACCESS-TOKEN-Zq8Wm3Xv5Ty7";
/** The characters form encoding and encodeURIComponent treat differently, and a space. */
const OAUTH_SECRET = "CANARY!HO2(sec)~9'q*+ %x-4417";

type Case = {
  name: string;
  connectorId: string;
  values: Record<string, string>;
  /** The canaries: every secret value, and anything derived from them that must not appear. */
  canaries: string[];
  /** A connector's endpoint template; the HTTP API is configured manually. */
  templateId?: string;
  /** The status the API answers deliveries with. */
  status?: number;
  tokenStatus?: number;
};

const basic = (username: string): Case => {
  const password = `CANARY-BASIC-${username.length}-pw7Hq2Lx9`;
  return {
    name: `HTTP API basic, user name of ${username.length}`,
    connectorId: "http",
    values: { authType: "basic", username, password },
    canaries: [password, `${username}:${password}`],
  };
};

const CASES: Case[] = [
  {
    name: "Hotjar",
    connectorId: "hotjar",
    templateId: "user-lookup",
    values: { clientId: "hj-client", clientSecret: "CANARY-HOTJAR-sec!(4u)~Kp2" },
    canaries: ["CANARY-HOTJAR-sec!(4u)~Kp2", ACCESS_TOKEN],
  },
  {
    name: "Hightouch",
    connectorId: "hightouch",
    templateId: "trigger-sync",
    values: { apiKey: "CANARY-HIGHTOUCH-Rb6Nw2Qe8" },
    canaries: ["CANARY-HIGHTOUCH-Rb6Nw2Qe8"],
  },
  {
    name: "FullStory",
    connectorId: "fullstory",
    templateId: "create-or-update-user",
    values: { apiKey: "CANARY-FULLSTORY-Jt4Vc9Yd1" },
    canaries: ["CANARY-FULLSTORY-Jt4Vc9Yd1"],
    status: 500,
  },
  {
    name: "HubSpot",
    connectorId: "hubspot",
    templateId: "identify-contacts",
    values: { accessToken: "CANARY-HUBSPOT-pat-Gs3Mf7Ua5", hubId: "2519445" },
    canaries: ["CANARY-HUBSPOT-pat-Gs3Mf7Ua5"],
  },
  { name: "HTTP API none", connectorId: "http", values: { authType: "none" }, canaries: [] },
  {
    name: "HTTP API bearer",
    connectorId: "http",
    values: { authType: "bearer", token: "CANARY-BEARER-Lw5Ke8Pz2Xc" },
    canaries: ["CANARY-BEARER-Lw5Ke8Pz2Xc"],
  },
  // "user:" of every length mod 3 puts the password at every base64 alignment.
  ...["a", "bo", "bob", "bobb", "bobby"].map(basic),
  {
    name: "HTTP API custom header",
    connectorId: "http",
    values: { authType: "header", headerName: "X-Partner", headerValue: "CANARY-HEADER-Va3Ty6Wq1" },
    canaries: ["CANARY-HEADER-Va3Ty6Wq1"],
  },
  {
    name: "HTTP API query parameter",
    connectorId: "http",
    values: { authType: "query", queryName: "api_key", queryValue: "CANARY-QUERY-Ns8Bd2Hj4!(x)" },
    canaries: ["CANARY-QUERY-Ns8Bd2Hj4!(x)"],
  },
  {
    name: "HTTP API OAuth2 client credentials",
    connectorId: "http",
    values: { authType: "oauth2", tokenUrl: "/oauth/token", clientId: "outflow", clientSecret: OAUTH_SECRET },
    canaries: [OAUTH_SECRET, ACCESS_TOKEN],
  },
  {
    name: "HTTP API OAuth2 client credentials, token endpoint refusing",
    connectorId: "http",
    values: { authType: "oauth2", tokenUrl: "/oauth/token", clientId: "outflow", clientSecret: OAUTH_SECRET },
    canaries: [OAUTH_SECRET],
    tokenStatus: 401,
  },
];

/** Every form a secret travels in, as distinctive fragments to look for. */
function encodingsOf(secret: string): Record<string, string> {
  const form = new URLSearchParams({ v: secret }).toString().slice(2);
  const forms: Record<string, string> = {
    raw: secret,
    "JSON-escaped": JSON.stringify(secret).slice(1, -1),
    encodeURIComponent: encodeURIComponent(secret),
    "form-encoded": form,
    "form-encoded, lower-case hex": form.replace(/%[0-9A-F]{2}/g, (percent) => percent.toLowerCase()),
    base64: Buffer.from(secret).toString("base64"),
  };
  // Inside a longer string the secret's own base64 is the groups of 3 bytes that are all its own.
  const length = Buffer.byteLength(secret);
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.from(`${"x".repeat(offset)}${secret}y`).toString("base64");
    const fragment = encoded.slice(4 * Math.ceil(offset / 3), 4 * Math.floor((offset + length) / 3));
    forms[`base64 at offset ${offset}`] = fragment;
    forms[`base64url at offset ${offset}`] = fragment.replace(/\+/g, "-").replace(/\//g, "_");
  }
  return forms;
}

let echo: EchoServer;
let hook: Sink;
let worker: DeliveryWorker;
let consoleOutput: string[] = [];

beforeAll(async () => {
  echo = await startEchoServer(ACCESS_TOKEN);
  hook = await startSink();
  worker = await startDeliveryWorker(requireDatabaseUrl());
});
afterAll(async () => {
  await worker.stop();
  await echo.close();
  await hook.close();
  await disconnectDb();
});
beforeEach(async () => {
  await resetDatabase();
  echo.requests.length = 0;
  hook.requests.length = 0;
  consoleOutput = [];
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[method].bind(console);
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleOutput.push(args.map((arg) => (arg instanceof Error ? arg.stack : inspectable(arg))).join(" "));
      original(...args);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});

function inspectable(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

async function createCaseFlow(test: Case): Promise<Flow> {
  if (test.templateId) {
    const sample = SAMPLE_MAPPINGS[test.connectorId]?.[test.templateId];
    return createTemplateFlow({
      connectorId: test.connectorId,
      templateId: test.templateId,
      values: test.values,
      baseUrl: echo.url,
      records: sampleRecords(2),
      settings: sample?.settings,
      mapping: sample?.mapping,
    });
  }
  const workspaceId = (await db().workspace.create({ data: { name: test.name } })).id;
  const values = { ...test.values };
  if (values.tokenUrl) values.tokenUrl = `${echo.url}${values.tokenUrl}`;
  const credential = await saveCredential(
    workspaceId,
    credentialInputSchema.parse({ connectorId: "http", name: test.name, values, baseUrl: echo.url }),
  );
  return createFlow({
    sinkUrl: echo.url,
    records: 2,
    name: test.name,
    alongside: { workspaceId, credentialId: credential.id },
    settings: { maxAttempts: 2 },
  });
}

/** Every place a user, a log reader or a webhook receiver can see, as text, by name. */
async function collectPlaces(flow: Flow, shown: Record<string, unknown>): Promise<Record<string, string>> {
  const places: Record<string, string> = {};
  for (const [name, value] of Object.entries(shown)) places[name] = JSON.stringify(value);

  const { rows: tables } = await dbPool().query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_schema IN ('public', 'graphile_worker') AND table_type = 'BASE TABLE'`,
  );
  for (const table of tables) {
    // The encrypted envelopes are the one place a secret is allowed: they are ciphertext.
    const row = table.name === "credentials" ? `(to_jsonb(t) - 'secrets' - 'cached_token')::text` : "t::text";
    const { rows } = await dbPool().query<{ text: string }>(
      `SELECT ${row} AS text FROM "${table.schema}"."${table.name}" t`,
    );
    places[`table ${table.schema}.${table.name}`] = rows.map((r) => r.text).join("\n");
  }

  const log = await listRequests(flow.workspaceId, flow.destinationId);
  places["Request Log"] = JSON.stringify(log);
  for (const entry of log?.entries ?? []) {
    places[`request page ${entry.id}`] = JSON.stringify(
      await getRequest(flow.workspaceId, flow.destinationId, entry.id),
    );
  }
  for (const run of await db().run.findMany({ where: { destinationId: flow.destinationId } })) {
    places[`run page ${run.id}`] = JSON.stringify([
      await getDestinationRun(flow.workspaceId, flow.destinationId, run.id),
      await groupRunErrors(flow.workspaceId, flow.destinationId, run.id),
      await listRequests(flow.workspaceId, flow.destinationId, { runId: run.id }),
    ]);
  }
  places.notifications = JSON.stringify(await listNotifications(flow.workspaceId));
  places["alert webhook bodies"] = hook.requests.map((request) => request.body).join("\n");
  places["console output"] = consoleOutput.join("\n");
  return places;
}

/** "<canary> as <encoding> in <place>" for every find. */
function findCanaries(canaries: string[], places: Record<string, string>): string[] {
  const found: string[] = [];
  for (const canary of canaries) {
    for (const [encoding, fragment] of Object.entries(encodingsOf(canary))) {
      for (const [place, text] of Object.entries(places)) {
        if (text.includes(fragment)) found.push(`${canary} as ${encoding} in ${place}`);
      }
    }
  }
  return [...new Set(found)];
}

describe("canary secrets against an API that echoes everything", () => {
  it.each(CASES)("$name: no canary anywhere but the encrypted columns", async (test) => {
    echo.status = test.status ?? 400;
    echo.tokenStatus = test.tokenStatus ?? 200;
    const flow = await createCaseFlow(test);
    await saveAlertWebhook(flow.workspaceId, `${hook.url}/services/T000/B000/alerts`);

    const connectionTest = await testSavedCredential(flow.workspaceId, flow.credentialId);
    const destination = await getDestination(flow.workspaceId, flow.destinationId);
    if (!destination) throw new Error("the destination was not saved");
    const testSend = await sendTestData(flow.workspaceId, flow.destinationId, {
      config: destination.config,
      requestIndex: 0,
      body: null,
      inspectorBinId: null,
    }).catch((error: Error) => ({ thrown: error.message }));

    await activateDestination(flow.workspaceId, flow.destinationId);
    await waitFor(
      "the run to fail",
      async () =>
        (await db().run.count({ where: { destinationId: flow.destinationId, status: "failed" } })) > 0,
      30_000,
    );
    // A refused token fails the run as a credential problem: the alert is destination_failing then.
    await waitFor("the alert at the webhook", () => hook.requests.length > 0);
    await waitFor(
      "the webhook's outcome",
      async () => (await getAlertWebhookSetting(flow.workspaceId))?.lastAt != null,
    );

    // The echo server did receive the canaries: the check below looks for something that was there.
    const received = JSON.stringify(echo.requests);
    if (test.canaries[0]) expect(findCanaries([test.canaries[0]], { received }).length).toBeGreaterThan(0);
    expect(echo.requests.some((request) => request.method !== "GET")).toBe(true);

    const places = await collectPlaces(flow, {
      "Test Connection result": connectionTest,
      "Send Test Data result": testSend,
    });
    expect(findCanaries(test.canaries, places)).toEqual([]);
  });
});

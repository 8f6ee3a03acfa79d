import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
// Every method of the inspector route is this one handler.
import { POST as inspectRoute } from "@/app/api/inspect/[binId]/[[...path]]/route";
import { UserError } from "@/lib/actions/user-error";
import { type CredentialInput, credentialInputSchema } from "@/lib/credentials/credential-input";
import { saveCredential } from "@/lib/credentials/save-credential";
import { createDataset } from "@/lib/datasets/manage-datasets";
import { createSampleDataset } from "@/lib/datasets/sample-dataset";
import { appendRecords } from "@/lib/datasets/store/append-records";
import { db, disconnectDb } from "@/lib/db/client";
import { createBin } from "@/lib/inspector/create-bin";
import { inspectorUrl } from "@/lib/inspector/inspector-url";
import { listRequests } from "@/lib/inspector/list-requests";
import { parseStoredHeaders } from "@/lib/inspector/stored-headers";
import { type FakeFullStory, startFakeFullStory } from "@/lib/testing/fake-apis/fullstory";
import { type FakeHotjar, startFakeHotjar } from "@/lib/testing/fake-apis/hotjar";
import { resetDatabase } from "@/lib/testing/reset-database";
import type { DestinationConfig } from "./destination-config";
import {
  completeDestination,
  createDestinationDraft,
  getDestination,
  listDestinations,
  saveDestinationDraft,
} from "./manage-destinations";
import { previewRequests } from "./preview-requests";
import { sendTestData } from "./send-test-data";

const HOTJAR_SECRET = "hj-secret-0123456789abcdef";
const FULLSTORY_KEY = "na1.fs-key-0123456789abcdef";
const USER_ID = "user-who-clicked-done";
const LOOKUP_PATH = "/v1/organizations/12345/user-lookup";

/** Outflow's public URL, where inspector URLs point: the real inspector route behind a local server. */
type Receiver = { url: string; received: { path: string; headers: IncomingHttpHeaders }[]; server: Server };

let hotjar: FakeHotjar;
let fullstory: FakeFullStory;
let receiver: Receiver;
let workspaceId: string;
let otherWorkspaceId: string;
let datasetId: string;
let publicUrlBefore: string | undefined;

beforeAll(async () => {
  [hotjar, fullstory, receiver] = await Promise.all([
    startFakeHotjar({ clientId: "hj-client", clientSecret: HOTJAR_SECRET, scaleplan: true }),
    startFakeFullStory({ apiKey: FULLSTORY_KEY }),
    startReceiver(),
  ]);
  // Before the first getConfig(), which caches it: inspector URLs then point at the receiver.
  publicUrlBefore = process.env.OUTFLOW_URL;
  process.env.OUTFLOW_URL = receiver.url;
});
afterAll(async () => {
  if (publicUrlBefore === undefined) delete process.env.OUTFLOW_URL;
  else process.env.OUTFLOW_URL = publicUrlBefore;
  receiver.server.closeAllConnections();
  await Promise.all([
    hotjar.close(),
    fullstory.close(),
    new Promise((resolve) => receiver.server.close(resolve)),
  ]);
  await disconnectDb();
});
beforeEach(async () => {
  await resetDatabase();
  workspaceId = (await db().workspace.create({ data: { name: "Acme" } })).id;
  otherWorkspaceId = (await db().workspace.create({ data: { name: "Other" } })).id;
  datasetId = (await createSampleDataset(workspaceId)).id;
  hotjar.requests.length = 0;
  hotjar.lookups.length = 0;
  fullstory.requests.length = 0;
  fullstory.users.clear();
  receiver.received.length = 0;
});

async function startReceiver(): Promise<Receiver> {
  const received: Receiver["received"] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ path: req.url ?? "", headers: req.headers });
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const [binId = "", ...path] = url.pathname.replace(/^\/api\/inspect\//, "").split("/");
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const method = req.method ?? "GET";
    const body = method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks);
    const response = await inspectRoute(new Request(url, { method, headers, body }), {
      params: Promise.resolve({ binId, path }),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

const saveInput = (input: CredentialInput, workspace = workspaceId) =>
  saveCredential(workspace, credentialInputSchema.parse(input));
const saveHotjar = (workspace = workspaceId) =>
  saveInput(
    {
      connectorId: "hotjar",
      name: "Hotjar production",
      values: { clientId: "hj-client", clientSecret: HOTJAR_SECRET, organizationId: "12345" },
      baseUrl: hotjar.url,
    },
    workspace,
  );
const saveFullStory = () =>
  saveInput({
    connectorId: "fullstory",
    name: "FullStory",
    values: { apiKey: FULLSTORY_KEY },
    baseUrl: fullstory.url,
  });

/** A destination as the wizard leaves it after the Credential step, with `edit` applied to its draft. */
async function draftDestination(
  connectorId: string,
  edit: (config: DestinationConfig) => DestinationConfig,
  dataset = datasetId,
): Promise<{ id: string; config: DestinationConfig }> {
  const { id } = await createDestinationDraft(workspaceId, dataset, connectorId);
  const detail = await getDestination(workspaceId, id);
  if (!detail) throw new Error("the draft was not created");
  return { id, config: edit(detail.config) };
}

async function hotjarDestination(dataset = datasetId) {
  const credential = await saveHotjar();
  return draftDestination(
    "hotjar",
    (config) => ({
      ...config,
      credentialId: credential.id,
      endpoint: { ...config.endpoint, templateSettings: { organization_id: "12345" } },
    }),
    dataset,
  );
}

async function inspectorDestination(endpoint: Partial<DestinationConfig["endpoint"]>) {
  const bin = await createBin(workspaceId, "Receiver");
  const destination = await draftDestination("inspector", (config) => ({
    ...config,
    inspectorBinId: bin.id,
    endpoint: { ...config.endpoint, url: inspectorUrl(bin.id), ...endpoint },
  }));
  return { ...destination, bin };
}

/** The UserError `promise` rejects with; fails the test if it resolves or throws anything else. */
async function userError(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

async function recordData(recordId: string | undefined): Promise<Record<string, unknown>> {
  const row = await db().datasetRecord.findUniqueOrThrow({ where: { id: BigInt(recordId ?? "0") } });
  return row.data as Record<string, unknown>;
}

describe("Send Test Data", () => {
  it("sends Hotjar User Lookup with the exchanged bearer token and exactly the previewed request", async () => {
    const { id, config } = await hotjarDestination();
    const preview = await previewRequests(workspaceId, id, config, 3);
    expect(preview.fieldErrors).toEqual({});
    expect(preview.requests).toHaveLength(3);
    const previewed = preview.requests[1];
    if (!previewed) throw new Error("no second request");
    expect(previewed.url).toBe(`${hotjar.url}${LOOKUP_PATH}`);
    expect(previewed.headers.authorization).toMatch(/^Bearer ••••/);
    expect(previewed.recordIds).toHaveLength(1);
    const record = await recordData(previewed.recordIds[0]);
    expect(JSON.parse(previewed.body ?? "")).toEqual({
      data_subject_email: record.email,
      delete_all_hits: false,
    });

    const tokensBefore = hotjar.tokensIssued;
    const result = await sendTestData(workspaceId, id, {
      config,
      requestIndex: 1,
      body: null,
      inspectorBinId: null,
    });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(hotjar.tokensIssued).toBe(tokensBefore + 1);

    const [tokenRequest, lookup, ...more] = hotjar.requests;
    expect(more).toEqual([]);
    expect(tokenRequest?.path).toBe("/v1/oauth/token");
    expect(tokenRequest?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      grant_type: "client_credentials",
      client_id: "hj-client",
      client_secret: HOTJAR_SECRET,
    });
    // The fake answers 200 only to a token it issued.
    expect(lookup).toMatchObject({ method: "POST", path: LOOKUP_PATH, status: 200 });
    const token = /^Bearer (hj_\S+)$/.exec(lookup?.headers.authorization ?? "")?.[1];
    expect(token).toBeTruthy();
    expect(lookup?.body).toBe(previewed.body);
    // A test carries a key of its own, shown with it: never the key the delivery of this record uses.
    expect(lookup?.headers["idempotency-key"]).toBe(result.sent.headers["idempotency-key"]);
    expect(lookup?.headers["idempotency-key"]).toMatch(/^[0-9a-f]{32}$/);
    expect(lookup?.headers["idempotency-key"]).not.toBe(previewed.headers["idempotency-key"]);
    expect(hotjar.lookups).toEqual([{ organizationId: 12345, body: JSON.parse(previewed.body ?? "") }]);

    const shown = JSON.stringify([await previewRequests(workspaceId, id, config, 3), result]);
    expect(shown).not.toContain(HOTJAR_SECRET);
    expect(shown).not.toContain(token);
    expect(result.sent.headers.authorization).toMatch(/^Bearer ••••/);
  });

  it("sends FullStory Create or Update User with Basic and the raw key, creating the user", async () => {
    const credential = await saveFullStory();
    const { id, config } = await draftDestination("fullstory", (draft) => ({
      ...draft,
      credentialId: credential.id,
    }));
    const [previewed] = (await previewRequests(workspaceId, id, config, 1)).requests;
    if (!previewed) throw new Error("nothing previewed");
    expect(previewed.headers.authorization).toMatch(/^Basic ••••/);
    expect(JSON.stringify(previewed)).not.toContain(FULLSTORY_KEY);

    const result = await sendTestData(workspaceId, id, {
      config,
      requestIndex: 0,
      body: null,
      inspectorBinId: null,
    });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(fullstory.requests).toHaveLength(1);
    expect(fullstory.requests[0]).toMatchObject({ method: "POST", path: "/v2/users", body: previewed.body });
    expect(fullstory.requests[0]?.headers.authorization).toBe(`Basic ${FULLSTORY_KEY}`);
    const record = await recordData(previewed.recordIds[0]);
    expect([...fullstory.users.values()]).toEqual([
      expect.objectContaining({ uid: record.uid, email: record.email }),
    ]);
    expect(JSON.stringify(result)).not.toContain(FULLSTORY_KEY);
  });

  it("sends an edited body as edited, and refuses invalid JSON on the body field without sending", async () => {
    const { id, config } = await hotjarDestination();
    const edited = JSON.stringify({ data_subject_email: "someone.else@example.com", delete_all_hits: false });
    const result = await sendTestData(workspaceId, id, {
      config,
      requestIndex: 0,
      body: edited,
      inspectorBinId: null,
    });
    expect(result).toMatchObject({ ok: true, status: 200, sent: { body: edited } });
    expect(hotjar.requests.at(-1)?.body).toBe(edited);
    expect(hotjar.lookups.map((lookup) => lookup.body)).toEqual([JSON.parse(edited)]);

    const sentBefore = hotjar.requests.length;
    const error = await userError(
      sendTestData(workspaceId, id, {
        config,
        requestIndex: 0,
        body: '{"data_subject_email": ',
        inspectorBinId: null,
      }),
    );
    expect(error.field).toBe("body");
    expect(error.message).toMatch(/not valid JSON/);
    expect(hotjar.requests).toHaveLength(sentBefore);
  });

  it("sends to a Request Inspector instead without any credential header", async () => {
    const { id, config } = await hotjarDestination();
    const bin = await createBin(workspaceId, "Test sends");
    const [previewed] = (await previewRequests(workspaceId, id, config, 1)).requests;
    const result = await sendTestData(workspaceId, id, {
      config,
      requestIndex: 0,
      body: null,
      inspectorBinId: bin.id,
    });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.sent.url).toBe(`${inspectorUrl(bin.id)}${LOOKUP_PATH}`);
    expect(hotjar.requests).toEqual([]);

    expect(receiver.received).toHaveLength(1);
    const raw = receiver.received[0]?.headers ?? {};
    expect(Object.keys(raw)).not.toContain("authorization");
    expect(JSON.stringify(raw)).not.toMatch(/Bearer|Basic|hj_/);
    expect(JSON.stringify(raw)).not.toContain(HOTJAR_SECRET);

    const requests = await listRequests(workspaceId, bin.id);
    expect(requests).toHaveLength(1);
    const stored = requests?.[0];
    expect(stored).toMatchObject({ method: "POST", path: LOOKUP_PATH, body: previewed?.body });
    const headers = Object.fromEntries(parseStoredHeaders(stored?.headers).list);
    expect(headers["idempotency-key"]).toBe(result.sent.headers["idempotency-key"]);
    expect(headers["idempotency-key"]).not.toBe(previewed?.headers["idempotency-key"]);
    expect(headers).not.toHaveProperty("authorization");
  });

  it("refuses another workspace's inspector", async () => {
    const { id, config } = await hotjarDestination();
    const theirs = await createBin(otherWorkspaceId, "Theirs");
    const error = await userError(
      sendTestData(workspaceId, id, { config, requestIndex: 0, body: null, inspectorBinId: theirs.id }),
    );
    expect(error.field).toBe("inspectorBinId");
    expect(receiver.received).toEqual([]);
    expect(hotjar.requests).toEqual([]);
  });
});

describe("Sample Payload", () => {
  it("returns field errors and no requests for settings that cannot be built", async () => {
    const inspector = await inspectorDestination({ url: "not a url" });
    const broken = await previewRequests(workspaceId, inspector.id, inspector.config, 3);
    expect(Object.keys(broken.fieldErrors)).toEqual(["url"]);
    expect(broken).toMatchObject({ requests: [], forecast: null, sampledRecords: 0 });

    const { id, config } = await hotjarDestination();
    const noOrganization = { ...config, endpoint: { ...config.endpoint, templateSettings: {} } };
    const missing = await previewRequests(workspaceId, id, noOrganization, 3);
    expect(Object.keys(missing.fieldErrors)).toEqual(["templateSettings.organization_id"]);
    expect(missing.requests).toEqual([]);
  });

  it("lists pre-flight problems per record and previews requests for only the records that pass", async () => {
    const { id: privacyDataset } = await createDataset(workspaceId, "Privacy requests");
    await appendRecords(privacyDataset, [
      { email: "ada@example.com" },
      { name: "No email" },
      // A record cannot switch deletion on: only the endpoint's setting can.
      { email: "grace@example.com", delete_all_hits: true },
      { user_id: 7 },
    ]);
    const rows = await db().datasetRecord.findMany({
      where: { datasetId: privacyDataset },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    const ids = rows.map((row) => row.id.toString());
    const { id, config } = await hotjarDestination(privacyDataset);

    const preview = await previewRequests(workspaceId, id, config, 10);
    expect(preview.problems.map((problem) => problem.recordId)).toEqual([ids[1], ids[3]]);
    for (const problem of preview.problems) expect(problem.message).toMatch(/data_subject_email/);
    expect(preview.requests.map((request) => request.recordIds)).toEqual([[ids[0]], [ids[2]]]);
    expect(preview.requests.map((request) => JSON.parse(request.body ?? ""))).toEqual([
      { data_subject_email: "ada@example.com", delete_all_hits: false },
      { data_subject_email: "grace@example.com", delete_all_hits: false },
    ]);
    expect(preview.preflight).toMatchObject({ checked: 4, total: 4, exact: true });
    expect(preview.preflight?.issues).toEqual([
      // Examples by their numbers in the dataset: the second and the fourth record.
      expect.objectContaining({ kind: "endpoint-rule", count: 2, examples: ["#2", "#4"] }),
    ]);
  });

  it.each([
    [30, 7],
    [64, 4],
  ])("forecasts ceil(200 records / %i) = %i requests for fixed batching", async (size, requests) => {
    const { id, config, bin } = await inspectorDestination({
      contentFormat: "json",
      batching: { enabled: true, size, grouping: "fixed", envelopeKey: null },
    });
    const preview = await previewRequests(workspaceId, id, config, 10);
    expect(preview.fieldErrors).toEqual({});
    expect(preview.forecast).toMatchObject({
      records: 200,
      sendable: 200,
      exact: true,
      requests,
      seconds: null,
    });
    expect(preview.requests).toHaveLength(requests);
    expect(preview.requests[0]?.url).toBe(inspectorUrl(bin.id));
    expect(preview.requests[0]?.recordIds).toHaveLength(size);
    expect(JSON.parse(preview.requests[0]?.body ?? "")).toHaveLength(size);
    expect(preview.requests.at(-1)?.recordIds).toHaveLength(200 - size * (requests - 1));
  });
});

describe("Done and versions", () => {
  it("makes each Done a new immutable version and clears the draft", async () => {
    const { id, config } = await hotjarDestination();
    const first = { ...config, name: "Privacy lookups" };
    expect(await completeDestination(workspaceId, id, first, USER_ID)).toEqual({ version: 1 });
    expect((await db().destination.findUniqueOrThrow({ where: { id } })).draft).toBeNull();

    const second: DestinationConfig = {
      ...first,
      name: "Privacy lookups (EU)",
      endpoint: { ...first.endpoint, templateSettings: { organization_id: "67890" } },
    };
    await saveDestinationDraft(workspaceId, id, second, "review");
    // The draft keeps the step it was left on, so the wizard reopens there.
    expect(await getDestination(workspaceId, id)).toMatchObject({
      currentVersion: 1,
      config: second,
      draftStep: "review",
    });

    expect(await completeDestination(workspaceId, id, second, USER_ID)).toEqual({ version: 2 });
    const versions = await db().destinationVersion.findMany({
      where: { destinationId: id },
      orderBy: { version: "asc" },
    });
    expect(versions.map(({ version, config, createdById }) => ({ version, config, createdById }))).toEqual([
      { version: 1, config: first, createdById: USER_ID },
      { version: 2, config: second, createdById: USER_ID },
    ]);
    const row = await db().destination.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      name: "Privacy lookups (EU)",
      currentVersion: 2,
      draft: null,
      draftStep: null,
    });
    expect(await getDestination(workspaceId, id)).toMatchObject({ draftStep: null });
    const detail = await getDestination(workspaceId, id);
    expect(detail).toMatchObject({ name: "Privacy lookups (EU)", currentVersion: 2, config: second });
    expect(detail?.versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it("refuses a credential of another connector or another workspace on credentialId", async () => {
    const { id, config } = await hotjarDestination();
    const fullstoryCredential = await saveFullStory();
    const theirHotjar = await saveHotjar(otherWorkspaceId);
    for (const credentialId of [fullstoryCredential.id, theirHotjar.id]) {
      const wrong = { ...config, credentialId };
      expect((await userError(saveDestinationDraft(workspaceId, id, wrong, "credential"))).field).toBe(
        "credentialId",
      );
      expect((await userError(completeDestination(workspaceId, id, wrong, USER_ID))).field).toBe(
        "credentialId",
      );
      expect((await userError(previewRequests(workspaceId, id, wrong, 3))).field).toBe("credentialId");
    }
    const row = await db().destination.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ credentialId: null, currentVersion: 0 });
    expect(hotjar.requests).toEqual([]);
  });

  it("treats another workspace's destination as gone for preview, send and save", async () => {
    const { id, config } = await hotjarDestination();
    const before = await db().destination.findUniqueOrThrow({ where: { id } });
    const send = { config, requestIndex: 0, body: null, inspectorBinId: null };
    const attempts = {
      preview: () => previewRequests(otherWorkspaceId, id, config, 3),
      send: () => sendTestData(otherWorkspaceId, id, send),
      saveDraft: () => saveDestinationDraft(otherWorkspaceId, id, config, "endpoint"),
      done: () => completeDestination(otherWorkspaceId, id, config, USER_ID),
    };
    const messages: Record<string, string> = {};
    for (const [name, attempt] of Object.entries(attempts))
      messages[name] = (await userError(attempt())).message;
    expect(messages).toEqual({
      preview: "This destination no longer exists.",
      send: "This destination no longer exists.",
      saveDraft: "This destination no longer exists.",
      done: "This destination no longer exists.",
    });
    expect(hotjar.requests).toEqual([]);
    expect(await getDestination(otherWorkspaceId, id)).toBeNull();
    expect(await listDestinations(otherWorkspaceId)).toEqual([]);
    expect((await listDestinations(workspaceId)).map((d) => d.id)).toEqual([id]);
    expect(await db().destination.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });
});

describe("Names and concurrent saves", () => {
  it("names a new draft uniquely after an earlier one was renamed", async () => {
    const credential = await saveHotjar();
    const first = await createDestinationDraft(workspaceId, datasetId, "hotjar");
    await createDestinationDraft(workspaceId, datasetId, "hotjar");
    const detail = await getDestination(workspaceId, first.id);
    if (!detail) throw new Error("the draft was not created");
    await completeDestination(
      workspaceId,
      first.id,
      {
        ...detail.config,
        name: "Privacy lookups",
        credentialId: credential.id,
        endpoint: { ...detail.config.endpoint, templateSettings: { organization_id: "12345" } },
      },
      USER_ID,
    );
    // Left: "Privacy lookups" and "<dataset> → Hotjar API 2"; the next default must not be "… 2" again.
    await createDestinationDraft(workspaceId, datasetId, "hotjar");
    const names = (await listDestinations(workspaceId)).map((d) => d.name);
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
  });

  it("gives Done clicked several times at once one version each, never a name error", async () => {
    const { id, config } = await hotjarDestination();
    const done = { ...config, name: "Privacy lookups" };
    // Several at once, so that at least two read the same current version.
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => completeDestination(workspaceId, id, done, USER_ID)),
    );
    expect(results.map((r) => (r.status === "fulfilled" ? r.value.version : r.reason)).sort()).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it("refuses at Done an endpoint of another connector than the destination's", async () => {
    const { id, config } = await hotjarDestination();
    const fullstory = await draftDestination("fullstory", (draft) => draft);
    const mixed = { ...config, endpoint: fullstory.config.endpoint };
    await userError(completeDestination(workspaceId, id, mixed, USER_ID));
    expect(await db().destinationVersion.count({ where: { destinationId: id } })).toBe(0);
  });
});

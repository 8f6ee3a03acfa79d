import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { type FakeFullStory, startFakeFullStory } from "@/lib/testing/fake-apis/fullstory";
import { type FakeHightouch, startFakeHightouch } from "@/lib/testing/fake-apis/hightouch";
import { type FakeHotjar, startFakeHotjar } from "@/lib/testing/fake-apis/hotjar";
import { type FakeHubSpot, startFakeHubSpot } from "@/lib/testing/fake-apis/hubspot";
import { resetDatabase } from "@/lib/testing/reset-database";
import { type CredentialInput, credentialInputSchema } from "./credential-input";
import { deleteCredential } from "./delete-credential";
import { credentialFromDraft } from "./draft-credential";
import { getCredentialSummary, listCredentials } from "./list-credentials";
import { loadCredentialInUse } from "./resolve-credential";
import { saveCredential } from "./save-credential";
import { sendWithCredential } from "./send-with-credential";
import { testConnection, testSavedCredential } from "./test-connection";

const HOTJAR_SECRET = "hj-secret-0123456789abcdef";
const HIGHTOUCH_KEY = "ht-key-0123456789abcdef";
const FULLSTORY_KEY = "na1.fs-key-0123456789abcdef";
const HUBSPOT_TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";

let hotjar: FakeHotjar;
let hightouch: FakeHightouch;
let fullstory: FakeFullStory;
let hubspot: FakeHubSpot;
let workspaceId: string;

beforeAll(async () => {
  [hotjar, hightouch, fullstory, hubspot] = await Promise.all([
    startFakeHotjar({ clientId: "hj-client", clientSecret: HOTJAR_SECRET, scaleplan: true }),
    startFakeHightouch({ apiKey: HIGHTOUCH_KEY }),
    startFakeFullStory({ apiKey: FULLSTORY_KEY }),
    startFakeHubSpot({ accessToken: HUBSPOT_TOKEN, portalId: 2519445 }),
  ]);
});
afterAll(async () => {
  await Promise.all([hotjar.close(), hightouch.close(), fullstory.close(), hubspot.close()]);
  await disconnectDb();
});
beforeEach(async () => {
  await resetDatabase();
  workspaceId = (await db().workspace.create({ data: { name: "Acme" } })).id;
});

const save = (input: CredentialInput, workspace = workspaceId) =>
  saveCredential(workspace, credentialInputSchema.parse(input));
const draft = (input: CredentialInput) =>
  credentialFromDraft(workspaceId, credentialInputSchema.parse(input));

const hotjarInput = (clientSecret = HOTJAR_SECRET): CredentialInput => ({
  connectorId: "hotjar",
  name: "Hotjar production",
  values: { clientId: "hj-client", clientSecret, organizationId: "12345" },
  baseUrl: hotjar.url,
});

describe("Hotjar", () => {
  it("passes Test Connection with the right key pair and records it", async () => {
    const { id } = await save(hotjarInput());
    const outcome = await testSavedCredential(workspaceId, id);
    expect(outcome).toMatchObject({ ok: true, called: `POST ${hotjar.url}/v1/oauth/token` });
    const summary = await getCredentialSummary(workspaceId, id);
    expect(summary?.testStatus).toBe("verified");
    expect(summary?.expiryText).toBe("Expires in 365 days");
    const tokenRequest = hotjar.requests.at(-1);
    expect(tokenRequest?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });

  it("explains a wrong secret as invalid_client, with the API's message", async () => {
    const outcome = await testConnection(await draft(hotjarInput("wrong-secret-0000000000")));
    expect(outcome.ok).toBe(false);
    expect(outcome.summary).toBe("The Client ID and Client Secret were rejected (invalid_client).");
    expect(outcome.hint).toMatch(/extra spaces/);
    expect(outcome.apiMessage).toBeTruthy();
  });

  it("fetches the token once, reuses it, and refreshes it once after a 401", async () => {
    const { id } = await save(hotjarInput());
    const credential = await loadCredentialInUse(workspaceId, id);
    if (!credential) throw new Error("credential missing");
    const before = hotjar.tokensIssued;
    const lookup = {
      method: "POST",
      url: `${hotjar.url}/v1/organizations/12345/user-lookup`,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ data_subject_email: "jane@example.com" }),
    };
    for (let i = 0; i < 3; i++) {
      const { result } = await sendWithCredential(credential, lookup);
      expect(result.ok && result.status).toBe(200);
    }
    expect(hotjar.tokensIssued).toBe(before + 1);
    const stored = await db().credential.findUniqueOrThrow({ where: { id } });
    expect(stored.cachedToken).not.toContain(hotjar.requests.at(-1)?.headers.authorization?.slice(7) ?? "");

    hotjar.expireTokens();
    const { result } = await sendWithCredential(credential, lookup);
    expect(result.ok && result.status).toBe(200);
    expect(hotjar.tokensIssued).toBe(before + 2);
  });

  it("asks for a new token once the cached one nears its expiry", async () => {
    const shortLived = await startFakeHotjar({
      clientId: "hj-client",
      clientSecret: HOTJAR_SECRET,
      tokenTtlSeconds: 1,
    });
    try {
      const { id } = await save({ ...hotjarInput(), baseUrl: shortLived.url });
      const credential = await loadCredentialInUse(workspaceId, id);
      if (!credential) throw new Error("credential missing");
      const survey = { method: "GET", url: `${shortLived.url}/v1/sites/1/surveys` };
      await sendWithCredential(credential, survey);
      expect(shortLived.tokensIssued).toBe(1);
      // The clock moves past the token's lifetime, for Outflow and the fake alike, without waiting.
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(Date.now() + 1100);
      const { result } = await sendWithCredential(credential, survey);
      expect(result.ok && result.status).toBe(200);
      expect(shortLived.tokensIssued).toBe(2);
    } finally {
      vi.useRealTimers();
      await shortLived.close();
    }
  });

  it("keeps the saved secret when an edit leaves it blank", async () => {
    const { id } = await save(hotjarInput());
    await save({ ...hotjarInput(""), id, name: "Hotjar renamed" });
    expect((await testSavedCredential(workspaceId, id))?.ok).toBe(true);
    expect((await getCredentialSummary(workspaceId, id))?.name).toBe("Hotjar renamed");
  });
});

describe("Hightouch, FullStory, HubSpot and any HTTP API", () => {
  it("passes with good keys and names the rejected secret otherwise", async () => {
    const good = await testConnection(
      await draft({
        connectorId: "hightouch",
        name: "HT",
        values: { apiKey: HIGHTOUCH_KEY },
        baseUrl: `${hightouch.url}/api/v1`,
      }),
    );
    expect(good).toMatchObject({
      ok: true,
      status: 200,
      called: `GET ${hightouch.url}/api/v1/sources?limit=1`,
    });
    // The host alone, as a user would type it, is completed with Hightouch's /api/v1.
    const hostOnly = { connectorId: "hightouch", name: "HT host", values: { apiKey: HIGHTOUCH_KEY } };
    expect(await testConnection(await draft({ ...hostOnly, baseUrl: hightouch.url }))).toMatchObject({
      ok: true,
      called: `GET ${hightouch.url}/api/v1/sources?limit=1`,
    });
    const saved = await save({ ...hostOnly, baseUrl: hightouch.url });
    expect(await db().credential.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({
      baseUrl: `${hightouch.url}/api/v1`,
    });
    const bad = await testConnection(
      await draft({
        connectorId: "hightouch",
        name: "HT",
        values: { apiKey: "nope-nope-nope-nope" },
        baseUrl: `${hightouch.url}/api/v1`,
      }),
    );
    expect(bad).toMatchObject({
      ok: false,
      status: 401,
      summary: "The credential was rejected: check the API key.",
    });
  });

  it("sends FullStory's raw key after Basic", async () => {
    const outcome = await testConnection(
      await draft({
        connectorId: "fullstory",
        name: "FS",
        values: { apiKey: FULLSTORY_KEY },
        baseUrl: fullstory.url,
      }),
    );
    expect(outcome.ok).toBe(true);
    expect(fullstory.requests.at(-1)?.headers.authorization).toBe(`Basic ${FULLSTORY_KEY}`);
    const bad = await testConnection(
      await draft({
        connectorId: "fullstory",
        name: "FS",
        values: { apiKey: "na1.wrong-key-000000" },
        baseUrl: fullstory.url,
      }),
    );
    expect(bad).toMatchObject({ ok: false, apiMessage: "access is unauthorized" });
  });

  it("warns when HubSpot's portal id differs from the Hub ID entered", async () => {
    const input = (hubId: string): CredentialInput => ({
      connectorId: "hubspot",
      name: "HubSpot",
      values: { accessToken: HUBSPOT_TOKEN, hubId },
      baseUrl: hubspot.url,
    });
    const matching = await testConnection(await draft(input("2519445")));
    expect(matching).toMatchObject({ ok: true, summary: "Connected: 200 OK · Portal 2519445." });
    expect(matching.warning).toBeUndefined();
    const differing = await testConnection(await draft(input("999")));
    expect(differing.ok).toBe(true);
    expect(differing.warning).toMatch(/portal 2519445, but the Hub ID entered is 999/);
  });

  it("tells when the API is rate limiting, with the time to retry", async () => {
    fullstory.failNext(1, {
      status: 429,
      body: { message: "Too many requests.", code: "too_many_requests" },
      headers: { "retry-after": "30" },
    });
    const outcome = await testConnection(
      await draft({
        connectorId: "fullstory",
        name: "FS",
        values: { apiKey: FULLSTORY_KEY },
        baseUrl: fullstory.url,
      }),
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.summary).toMatch(/^Rate limited; try again at \d\d:\d\d:\d\d UTC\.$/);
  });

  it("tests any HTTP API with the auth it is given", async () => {
    const outcome = await testConnection(
      await draft({
        connectorId: "http",
        name: "Warehouse API",
        values: { authType: "bearer", token: HIGHTOUCH_KEY, testMethod: "GET", testPath: "/sources" },
        baseUrl: `${hightouch.url}/api/v1`,
      }),
    );
    expect(outcome).toMatchObject({ ok: true, called: `GET ${hightouch.url}/api/v1/sources` });
    const unreachable = await testConnection(
      await draft({
        connectorId: "http",
        name: "Gone",
        values: { authType: "none" },
        baseUrl: "http://outflow-test.invalid",
      }),
    );
    expect(unreachable).toMatchObject({ ok: false, hint: "Check the API base URL for typos." });
  });
});

describe("storage and access", () => {
  it("never stores or returns a secret in the clear", async () => {
    const { id } = await save(hotjarInput());
    await testSavedCredential(workspaceId, id);
    const [row] = await db().$queryRaw<unknown[]>`SELECT * FROM credentials WHERE id = ${id}::uuid`;
    expect(JSON.stringify(row)).not.toContain(HOTJAR_SECRET);
    const summaries = JSON.stringify([
      await listCredentials(workspaceId),
      await getCredentialSummary(workspaceId, id),
    ]);
    expect(summaries).not.toContain(HOTJAR_SECRET);
    expect(summaries).toContain("••••cdef");
  });

  it("keeps each workspace's credentials to itself", async () => {
    const { id } = await save(hotjarInput());
    const other = (await db().workspace.create({ data: { name: "Other" } })).id;
    expect(await getCredentialSummary(other, id)).toBeNull();
    expect(await testSavedCredential(other, id)).toBeNull();
    await expect(deleteCredential(other, id)).rejects.toThrow("no longer exists");
    await expect(save({ ...hotjarInput(), id }, other)).rejects.toThrow("no longer exists");
    expect(await getCredentialSummary(workspaceId, id)).not.toBeNull();
  });

  it("reports the connector's own rules on the fields", async () => {
    await expect(
      save({ connectorId: "hubspot", name: "HS", values: { accessToken: "", hubId: "abc" } }),
    ).rejects.toMatchObject({
      fieldErrors: {
        "values.accessToken": "Enter the access token.",
        "values.hubId": "The Hub ID is a number, e.g. 1234567.",
      },
    });
    await expect(
      save({
        connectorId: "http",
        name: "X",
        values: { authType: "header", headerValue: "k" },
        baseUrl: "https://api.example.com",
      }),
    ).rejects.toMatchObject({
      fieldErrors: { "values.headerName": "Enter the header name." },
    });
    await save(hotjarInput());
    await expect(save(hotjarInput())).rejects.toMatchObject({
      fieldErrors: { name: "Another credential already has this name." },
    });
  });

  it("refuses to delete a credential a destination sends with, and counts its destinations", async () => {
    const { id } = await save(hotjarInput());
    const dataset = await db().dataset.create({ data: { workspaceId, name: "Signups" } });
    await db().destination.create({
      data: {
        workspaceId,
        name: "Hotjar lookups",
        datasetId: dataset.id,
        connectorId: "hotjar",
        credentialId: id,
      },
    });
    expect((await getCredentialSummary(workspaceId, id))?.usedBy).toBe(1);
    await expect(deleteCredential(workspaceId, id)).rejects.toThrow(
      'This credential is used by the destination "Hotjar lookups". Give it another credential or delete it first.',
    );
    expect(await getCredentialSummary(workspaceId, id)).not.toBeNull();
  });
});

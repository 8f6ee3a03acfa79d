/**
 * Credentials are bound to their API (issue #12): against real local servers, each a different
 * origin (127.0.0.1 on its own port), with real Postgres.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "@/lib/actions/user-error";
import { createDataset } from "@/lib/datasets/manage-datasets";
import { db, disconnectDb } from "@/lib/db/client";
import type { DestinationConfig } from "@/lib/destinations/destination-config";
import {
  completeDestination,
  createDestinationDraft,
  getDestination,
} from "@/lib/destinations/manage-destinations";
import { closeAgents } from "@/lib/http/agents";
import { closeLocalServers, type Handler, respondOk, startLocalServer } from "@/lib/http/local-test-server";
import { resetDatabase } from "@/lib/testing/reset-database";
import { type CredentialInput, credentialInputSchema } from "./credential-input";
import { credentialFromDraft } from "./draft-credential";
import { loadCredentialInUse } from "./resolve-credential";
import { saveCredential } from "./save-credential";
import { sendWithCredential } from "./send-with-credential";
import { testConnection, testSavedCredential } from "./test-connection";

const TOKEN = "saved-bearer-token-0123456789";
const NEW_TOKEN = "second-bearer-token-9876543210";
const PARTNER_KEY = "partner-key-abcdef0123456789";
const QUERY_KEY = "query-key-abcdef0123456789";

let workspaceId: string;

beforeEach(async () => {
  await resetDatabase();
  workspaceId = (await db().workspace.create({ data: { name: "Acme" } })).id;
});
afterEach(closeLocalServers);
afterAll(async () => {
  await closeAgents();
  await disconnectDb();
});

const parse = (input: CredentialInput) => credentialInputSchema.parse(input);
const save = (input: CredentialInput) => saveCredential(workspaceId, parse(input));
const bearerInput = (baseUrl: string, token = TOKEN): CredentialInput => ({
  connectorId: "http",
  name: "Partner API",
  values: { authType: "bearer", token },
  baseUrl,
});

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).fieldErrors ?? {};
}

const allHeaderValues = (received: { headers: Record<string, unknown> }[]) =>
  JSON.stringify(received.map((request) => request.headers));

describe("a saved credential re-pointed at another origin", () => {
  it("a draft Test Connection with the secret left blank sends nothing and asks for the secret", async () => {
    const api = await startLocalServer(respondOk);
    const attacker = await startLocalServer(respondOk);
    const { id } = await save(bearerInput(api.url));

    const errors = await fieldErrorsOf(
      credentialFromDraft(workspaceId, parse({ ...bearerInput(attacker.url, ""), id })),
    );
    expect(errors["values.token"]).toMatch(/enter the token again/);
    expect(attacker.received).toHaveLength(0);
    expect(api.received).toHaveLength(0);
  });

  it("a draft Test Connection on the same origin may keep the saved secret", async () => {
    const api = await startLocalServer(respondOk);
    const { id } = await save(bearerInput(api.url));
    const outcome = await testConnection(
      await credentialFromDraft(workspaceId, parse({ ...bearerInput(`${api.url}/v2`, ""), id })),
    );
    expect(outcome.ok).toBe(true);
    expect(api.received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("saving the new origin without the secret is refused; with it, the next request uses the new values", async () => {
    const api = await startLocalServer(respondOk);
    const moved = await startLocalServer(respondOk);
    const { id } = await save(bearerInput(api.url));

    const errors = await fieldErrorsOf(save({ ...bearerInput(moved.url, ""), id }));
    expect(errors["values.token"]).toMatch(/You changed where this credential is sent/);
    expect((await loadCredentialInUse(workspaceId, id))?.resolved.baseUrl).toBe(api.url);

    // Allowed domains are part of where it is sent too.
    const widened = await fieldErrorsOf(save({ ...bearerInput(api.url, ""), id, allowedDomains: moved.url }));
    expect(widened["values.token"]).toMatch(/enter the token again/);

    await save({ ...bearerInput(moved.url, NEW_TOKEN), id });
    const outcome = await testSavedCredential(workspaceId, id);
    expect(outcome?.ok).toBe(true);
    expect(moved.received).toHaveLength(1);
    expect(moved.received[0]?.headers.authorization).toBe(`Bearer ${NEW_TOKEN}`);
    expect(api.received).toHaveLength(0);
  });
});

describe("Test Connection", () => {
  it("refuses an absolute Test URL on another origin, on its field, before sending", async () => {
    const api = await startLocalServer(respondOk);
    const elsewhere = await startLocalServer(respondOk);
    const input: CredentialInput = {
      ...bearerInput(api.url),
      values: { authType: "bearer", token: TOKEN, testPath: `${elsewhere.url}/health` },
    };
    for (const attempt of [save(input), credentialFromDraft(workspaceId, parse(input))]) {
      const errors = await fieldErrorsOf(attempt);
      expect(errors["values.testPath"]).toBe(
        `${elsewhere.url} is not on ${api.url}, the API this credential is for. Use a URL on ${api.url}, or add the domain to the credential's Allowed domains.`,
      );
    }
    expect(elsewhere.received).toHaveLength(0);
  });
});

describe("a manual endpoint URL", () => {
  async function manualDestination(credentialId: string, url: string) {
    const dataset = await createDataset(workspaceId, "Signups");
    const { id } = await createDestinationDraft(workspaceId, dataset.id, "http");
    const detail = await getDestination(workspaceId, id);
    if (!detail) throw new Error("no draft");
    const config: DestinationConfig = {
      ...detail.config,
      name: "Signups to partner",
      credentialId,
      endpoint: { ...detail.config.endpoint, mode: "manual", method: "POST", url, contentFormat: "json" },
    };
    return completeDestination(workspaceId, id, config, "test-user");
  }

  it("on another origin is refused on save with the credential's origin named, and at send", async () => {
    const api = await startLocalServer(respondOk);
    const elsewhere = await startLocalServer(respondOk);
    const { id } = await save(bearerInput(api.url));

    const errors = await fieldErrorsOf(manualDestination(id, `${elsewhere.url}/events`));
    expect(errors["endpoint.url"]).toBe(
      `${elsewhere.url} is not on ${api.url}, the API this credential is for. Use a URL on ${api.url}, or add the domain to the credential's Allowed domains.`,
    );

    const credential = await loadCredentialInUse(workspaceId, id);
    if (!credential) throw new Error("no credential");
    const sent = await sendWithCredential(credential, { method: "POST", url: `${elsewhere.url}/events` });
    expect(sent.result).toMatchObject({ ok: false, error: { kind: "refused-by-policy" } });
    expect(!sent.result.ok && sent.result.error.message).toContain(`is not on ${api.url}`);
    expect(elsewhere.received).toHaveLength(0);
  });

  it("whose host comes from a record is refused on save", async () => {
    const api = await startLocalServer(respondOk);
    const { id } = await save(bearerInput(api.url));
    const errors = await fieldErrorsOf(manualDestination(id, "http://{{record.host}}.example/events"));
    expect(errors["endpoint.url"]).toMatch(/The host of this URL comes from a record/);
  });

  it("on an Allowed domain is saved and sent with the credential's auth", async () => {
    const api = await startLocalServer(respondOk);
    const uploads = await startLocalServer(respondOk);
    const { id } = await save({ ...bearerInput(api.url), allowedDomains: `${uploads.url}, *.example.com` });

    await expect(manualDestination(id, `${uploads.url}/events`)).resolves.toEqual({ version: 1 });
    const credential = await loadCredentialInUse(workspaceId, id);
    if (!credential) throw new Error("no credential");
    const sent = await sendWithCredential(credential, { method: "POST", url: `${uploads.url}/events` });
    expect(sent.result).toMatchObject({ ok: true, status: 200 });
    expect(uploads.received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe("redirects", () => {
  /** Redirects to `target` keeping the path's query string, as APIs that move do. */
  const redirectKeepingQuery =
    (target: () => string): Handler =>
    (req, res) => {
      const query = new URL(req.url ?? "/", "http://x").search;
      res.writeHead(302, { location: `${target()}/landed${query}` }).end();
    };

  async function partnerCredential(baseUrl: string, authType: "header" | "query") {
    const values: Record<string, string> =
      authType === "header"
        ? { authType, headerName: "X-Partner", headerValue: PARTNER_KEY }
        : { authType, queryName: "partner_key", queryValue: QUERY_KEY };
    const { id } = await save({ connectorId: "http", name: `Partner ${authType}`, values, baseUrl });
    const credential = await loadCredentialInUse(workspaceId, id);
    if (!credential) throw new Error("no credential");
    return credential;
  }

  it("to another origin drops the credential's custom header and query parameter, whatever their names", async () => {
    const target = await startLocalServer(respondOk);
    const api = await startLocalServer(redirectKeepingQuery(() => target.url));

    const header = await partnerCredential(api.url, "header");
    const viaHeader = await sendWithCredential(header, { method: "GET", url: `${api.url}/items?page=2` });
    expect(viaHeader.result).toMatchObject({ ok: true, status: 200 });
    expect(api.received[0]?.headers["x-partner"]).toBe(PARTNER_KEY);
    expect(target.received[0]?.path).toBe("/landed?page=2");
    expect(target.received[0]?.headers["x-partner"]).toBeUndefined();

    const query = await partnerCredential(api.url, "query");
    const viaQuery = await sendWithCredential(query, { method: "GET", url: `${api.url}/items?page=2` });
    expect(viaQuery.result).toMatchObject({ ok: true, status: 200 });
    expect(api.received[1]?.path).toBe(`/items?page=2&partner_key=${QUERY_KEY}`);
    expect(target.received[1]?.path).toBe("/landed?page=2");
    expect(allHeaderValues(target.received)).not.toContain(PARTNER_KEY);
  });

  it("on the same origin keeps them", async () => {
    let landed = false;
    const api = await startLocalServer((req, res) => {
      if (req.url?.startsWith("/landed")) {
        landed = true;
        return respondOk(req, res);
      }
      return redirectKeepingQuery(() => api.url)(req, res);
    });

    const header = await partnerCredential(api.url, "header");
    await sendWithCredential(header, { method: "GET", url: `${api.url}/items` });
    expect(api.received[1]?.path).toBe("/landed");
    expect(api.received[1]?.headers["x-partner"]).toBe(PARTNER_KEY);

    const query = await partnerCredential(api.url, "query");
    await sendWithCredential(query, { method: "GET", url: `${api.url}/items` });
    expect(api.received[3]?.path).toBe(`/landed?partner_key=${QUERY_KEY}`);
    expect(landed).toBe(true);
  });
});

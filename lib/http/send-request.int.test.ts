/**
 * sendRequest against real HTTP servers on 127.0.0.1: what an external API does is faked only at
 * the HTTP boundary. No database needed.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { closeAgents } from "./agents";
import { closeLocalServers, respondOk, startLocalServer } from "./local-test-server";
import { sendRequest } from "./send-request";
import type { GuardPolicy } from "./types";

const development: GuardPolicy = {
  isProduction: false,
  allowedHosts: [],
  selfOrigin: "http://localhost:3000",
};

afterEach(closeLocalServers);
afterAll(closeAgents);

describe("sendRequest", () => {
  it("returns status, lower-cased headers and body; a 4xx is a response, not a failure", async () => {
    const api = await startLocalServer((_req, res) =>
      res
        .writeHead(422, { "X-Request-Id": "r-1", "Content-Type": "application/json" })
        .end('{"error":"bad email"}'),
    );
    const result = await sendRequest(
      {
        method: "post",
        url: `${api.url}/v1/contacts?x=1`,
        headers: { "Content-Type": "application/json" },
        body: '{"a":1}',
      },
      { policy: development },
    );
    expect(result).toMatchObject({
      ok: true,
      status: 422,
      statusText: "Unprocessable Entity",
      headers: { "x-request-id": "r-1", "content-type": "application/json" },
      body: '{"error":"bad email"}',
      bodyBytes: 21,
      bodyTruncated: false,
      finalUrl: `${api.url}/v1/contacts?x=1`,
    });
    expect(api.received).toMatchObject([{ method: "POST", path: "/v1/contacts?x=1", body: '{"a":1}' }]);
  });

  it("reuses kept-alive connections", async () => {
    const api = await startLocalServer(respondOk);
    await sendRequest({ method: "GET", url: api.url }, { policy: development });
    await sendRequest({ method: "GET", url: api.url }, { policy: development });
    expect(api.connections()).toBe(1);
  });

  it("keeps the first 64 KiB of a large body and reads past the rest", async () => {
    const api = await startLocalServer((_req, res) => res.end("x".repeat(200_000)));
    const result = await sendRequest({ method: "GET", url: api.url }, { policy: development });
    expect(result).toMatchObject({ ok: true, bodyBytes: 200_000, bodyTruncated: true });
    expect(result.ok && result.body.length).toBe(64 * 1024);
    // The discarded rest was read, so the connection was fit for the next request.
    await sendRequest({ method: "GET", url: api.url }, { policy: development, maxResponseBytes: 10 });
    expect(api.connections()).toBe(1);
  });

  it("refuses a header with CR/LF before anything is sent", async () => {
    const api = await startLocalServer(respondOk);
    const result = await sendRequest(
      { method: "GET", url: api.url, headers: { "X-Note": "a\r\nX-Injected: 1" } },
      { policy: development },
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "invalid-request",
        message: 'The value of header "X-Note" contains a line break (CR or LF).',
      },
    });
    expect(api.received).toHaveLength(0);
  });
});

describe("sendRequest failures", () => {
  it("classifies a timeout", async () => {
    const api = await startLocalServer(() => {});
    const result = await sendRequest(
      { method: "GET", url: api.url },
      { policy: development, timeoutMs: 300 },
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "timeout", message: "No response from 127.0.0.1 within 0.3 s." },
    });
  });

  it("classifies a refused connection", async () => {
    const closed = await startLocalServer(respondOk);
    await closed.close();
    const result = await sendRequest({ method: "GET", url: closed.url }, { policy: development });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "connect",
        message: `Could not connect to 127.0.0.1:${closed.port} (connection refused).`,
      },
    });
  });

  it("classifies a name that does not resolve, with secrets masked", async () => {
    const result = await sendRequest(
      { method: "GET", url: "https://tenant-0123456789abcdef.invalid/v1" },
      { policy: development, secrets: ["tenant-0123456789abcdef"] },
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "dns", message: "Could not resolve ••••cdef.invalid: check the URL." },
    });
  });
});

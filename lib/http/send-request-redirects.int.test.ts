/** Redirects and the SSRF guard, end to end against real local servers. */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { closeAgents } from "./agents";
import { closeLocalServers, redirectTo, respondOk, startLocalServer } from "./local-test-server";
import { sendRequest } from "./send-request";
import type { GuardPolicy } from "./types";

const development: GuardPolicy = {
  isProduction: false,
  allowedHosts: [],
  selfOrigin: "http://localhost:3000",
};
const production: GuardPolicy = { ...development, isProduction: true };

afterEach(closeLocalServers);
afterAll(closeAgents);

describe("sendRequest and the SSRF guard in production", () => {
  it.each(["127.0.0.1", "localhost"])("refuses %s and sends nothing", async (host) => {
    const api = await startLocalServer(respondOk);
    const result = await sendRequest(
      { method: "GET", url: `http://${host}:${api.port}/` },
      { policy: production },
    );
    expect(result).toMatchObject({ ok: false, error: { kind: "refused-by-policy" } });
    expect(!result.ok && result.error.message).toMatch(
      new RegExp(`^Outflow does not send requests to ${host}( \\(|: it resolves to )`),
    );
    expect(api.received).toHaveLength(0);
  });

  it("reaches an address OUTFLOW_ALLOWED_HOSTS lists", async () => {
    const api = await startLocalServer(respondOk);
    const policy = { ...production, allowedHosts: ["127.0.0.1"] };
    expect(await sendRequest({ method: "GET", url: api.url }, { policy })).toMatchObject({
      ok: true,
      status: 200,
    });
  });

  it("reaches Outflow's own Request Inspector, and nothing else there", async () => {
    const self = await startLocalServer(respondOk);
    const policy = { ...production, selfOrigin: self.url };
    const inspected = await sendRequest(
      { method: "POST", url: `${self.url}/api/inspect/abc`, body: "{}" },
      { policy },
    );
    expect(inspected).toMatchObject({ ok: true, status: 200 });
    const other = await sendRequest({ method: "GET", url: `${self.url}/api/admin` }, { policy });
    expect(other).toMatchObject({ ok: false, error: { kind: "refused-by-policy" } });
    expect(self.received.map((r) => r.path)).toEqual(["/api/inspect/abc"]);
  });

  it.each([
    ["[::1]", "::1 (a loopback address"],
    ["10.0.0.1", "10.0.0.1 (a private address)"],
  ])("refuses a redirect from an allowed API to %s", async (target, refusal) => {
    const api = await startLocalServer(redirectTo(`http://${target}:9/internal`));
    const policy = { ...production, allowedHosts: ["127.0.0.1"] };
    const result = await sendRequest({ method: "GET", url: `${api.url}/start` }, { policy });
    expect(result).toMatchObject({ ok: false, error: { kind: "refused-by-policy" } });
    expect(!result.ok && result.error.message).toContain(
      `The API redirected to http://${target}:9/internal. Outflow does not send requests to ${refusal}`,
    );
  });

  it("checks the resolved address of every hop inside the connection", async () => {
    // The first hop is the Request Inspector (allowed by URL); the second names loopback by host name.
    const self = await startLocalServer(redirectTo("http://localhost:9/"));
    const policy = { ...production, selfOrigin: self.url };
    const result = await sendRequest({ method: "GET", url: `${self.url}/api/inspect/x` }, { policy });
    expect(result).toMatchObject({ ok: false, error: { kind: "refused-by-policy" } });
    expect(!result.ok && result.error.message).toMatch(/localhost: it resolves to/);
  });
});

describe("sendRequest redirects", () => {
  it("follows a GET to another origin without its credentials", async () => {
    const target = await startLocalServer(respondOk);
    const api = await startLocalServer(redirectTo(`${target.url}/end`));
    const headers = {
      Authorization: "Bearer 0123456789abcdef",
      "X-Api-Key": "k-0123456789",
      "X-Trace": "t1",
    };
    const result = await sendRequest(
      { method: "GET", url: `${api.url}/start`, headers },
      { policy: development },
    );
    expect(result).toMatchObject({ ok: true, status: 200, finalUrl: `${target.url}/end` });
    expect(target.received[0]?.headers).toMatchObject({ "x-trace": "t1" });
    expect(target.received[0]?.headers).not.toHaveProperty("authorization");
    expect(target.received[0]?.headers).not.toHaveProperty("x-api-key");
  });

  it("keeps credentials on the same origin", async () => {
    const api = await startLocalServer((req, res) =>
      req.url === "/start" ? redirectTo("/end")(req, res) : respondOk(req, res),
    );
    const headers = { Authorization: "Bearer 0123456789abcdef" };
    await sendRequest({ method: "GET", url: `${api.url}/start`, headers }, { policy: development });
    expect(api.received.map((r) => [r.path, r.headers.authorization])).toEqual([
      ["/start", "Bearer 0123456789abcdef"],
      ["/end", "Bearer 0123456789abcdef"],
    ]);
  });

  it("does not follow a POST unless asked; 303 then turns it into a GET, 307 keeps it", async () => {
    const api = await startLocalServer((req, res) => {
      if (req.url === "/see-other") return redirectTo("/end", 303)(req, res);
      if (req.url === "/temporary") return redirectTo("/end", 307)(req, res);
      respondOk(req, res);
    });
    const post = { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"a":1}' };
    const unfollowed = await sendRequest({ ...post, url: `${api.url}/see-other` }, { policy: development });
    expect(unfollowed).toMatchObject({ ok: true, status: 303, headers: { location: "/end" } });
    await sendRequest(
      { ...post, url: `${api.url}/see-other` },
      { policy: development, followRedirects: true },
    );
    await sendRequest(
      { ...post, url: `${api.url}/temporary` },
      { policy: development, followRedirects: true },
    );
    expect(api.received.map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", "/see-other", '{"a":1}'],
      ["POST", "/see-other", '{"a":1}'],
      ["GET", "/end", ""],
      ["POST", "/temporary", '{"a":1}'],
      ["POST", "/end", '{"a":1}'],
    ]);
  });

  it("stops after 5 redirects", async () => {
    const api = await startLocalServer((req, res) => redirectTo(`${req.url}x`)(req, res));
    const result = await sendRequest({ method: "GET", url: `${api.url}/` }, { policy: development });
    expect(result).toMatchObject({ ok: false, error: { kind: "network" } });
    expect(!result.ok && result.error.message).toMatch(/^Stopped after 5 redirects/);
    expect(api.received).toHaveLength(6);
  });
});

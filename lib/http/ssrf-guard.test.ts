import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { checkUrl, checkUrlResolved, connectedAddressRefusal, createGuardedLookup } from "./ssrf-guard";
import type { GuardPolicy } from "./types";

const production: GuardPolicy = { isProduction: true, allowedHosts: [], selfOrigin: "http://localhost:3000" };
const development: GuardPolicy = { ...production, isProduction: false };
const allowing = (...allowedHosts: string[]): GuardPolicy => ({ ...production, allowedHosts });

describe("checkUrl in production", () => {
  it.each([
    ["http://169.254.169.254/latest/meta-data/", "the cloud metadata service"],
    ["http://[fd00:ec2::254]/", "the cloud metadata service"],
    ["http://metadata.google.internal/computeMetadata/v1/", "the cloud metadata service"],
    ["http://10.0.0.1/", "a private address"],
    ["http://172.16.5.4/", "a private address"],
    ["http://192.168.1.1/", "a private address"],
    ["http://[fc00::1]/", "a private address"],
    ["http://127.0.0.1:8080/", "a loopback address"],
    ["http://[::1]/", "a loopback address"],
    ["http://[::ffff:10.0.0.1]/", "a private address"],
    ["http://[::ffff:127.0.0.1]/", "a loopback address"],
    ["http://[64:ff9b::10.0.0.1]/", "a private address"],
    ["http://100.64.0.1/", "a carrier-grade NAT address"],
    ["http://169.254.1.1/", "a link-local address"],
    ["http://[fe80::1]/", "a link-local address"],
    ["http://224.0.0.1/", "a multicast address"],
    ["http://0.0.0.0/", "an unspecified address"],
    ["http://255.255.255.255/", "the broadcast address"],
    ["http://240.0.0.1/", "a reserved address"],
    // WHATWG URL parsing turns these spellings into 127.0.0.1 before the guard sees them.
    ["http://0x7f.1/", "a loopback address"],
    ["http://2130706433/", "a loopback address"],
  ])("refuses %s (%s)", (url, label) => {
    const verdict = checkUrl(url, production);
    expect(verdict).toMatchObject({ ok: false, kind: "refused-by-policy" });
    expect(!verdict.ok && verdict.message).toContain(label);
  });

  it("explains a refusal and what to do about it", () => {
    expect(checkUrl("http://10.0.0.1/", production)).toEqual({
      ok: false,
      kind: "refused-by-policy",
      message:
        "Outflow does not send requests to 10.0.0.1 (a private address). Add the host to OUTFLOW_ALLOWED_HOSTS if this API really is on your private network.",
    });
  });

  it.each(["https://api.hubapi.com/crm/v3/objects", "http://8.8.8.8/", "http://[2606:4700::1111]/"])(
    "lets public %s through (its addresses are checked on connect)",
    (url) => {
      expect(checkUrl(url, production)).toMatchObject({ ok: true, route: "guarded" });
    },
  );

  it.each(["ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)", "not a url"])(
    "rejects %s as not an http(s) URL",
    (url) => {
      expect(checkUrl(url, production)).toMatchObject({ ok: false, kind: "invalid-request" });
    },
  );

  it("rejects credentials in the URL instead of dropping them", () => {
    expect(checkUrl("https://user:pw@api.example.com/", production)).toMatchObject({
      ok: false,
      kind: "invalid-request",
    });
  });
});

describe("OUTFLOW_ALLOWED_HOSTS", () => {
  it.each([
    ["http://10.0.0.1/", "10.0.0.0/8"],
    ["http://10.0.0.1/", "10.0.0.1"],
    ["http://[::1]/", "::1"],
    ["http://[::1]/", "[::1]"],
    ["http://127.0.0.1/", "127.0.0.0/8"],
    ["http://[::ffff:10.0.0.1]/", "10.0.0.0/8"],
    ["http://100.64.0.1/", "100.64.0.0/10"],
    ["http://169.254.169.254/", "169.254.169.254"],
    ["http://[fd00:ec2::254]/", "fd00:ec2::254/128"],
    ["http://metadata.google.internal/", "metadata.google.internal"],
  ])("allows %s with %s", (url, entry) => {
    expect(checkUrl(url, allowing(entry))).toMatchObject({ ok: true });
  });

  it("does not open the metadata service through a wider range", () => {
    expect(checkUrl("http://169.254.169.254/", allowing("169.254.0.0/16"))).toMatchObject({ ok: false });
    expect(checkUrl("http://169.254.1.1/", allowing("169.254.0.0/16"))).toMatchObject({ ok: true });
  });

  it("does not match across ranges", () => {
    expect(checkUrl("http://10.0.0.1/", allowing("192.168.0.0/16", "::1"))).toMatchObject({ ok: false });
  });

  it("allows a host name wherever it resolves, matching case-insensitively", async () => {
    await expect(checkUrlResolved("http://LocalHost:9/", allowing("localhost"))).resolves.toMatchObject({
      ok: true,
    });
  });
});

describe("checkUrlResolved", () => {
  it("refuses a name that resolves to loopback in production", async () => {
    const verdict = await checkUrlResolved("http://localhost:9/", production);
    expect(verdict).toMatchObject({ ok: false, kind: "refused-by-policy" });
    expect(!verdict.ok && verdict.message).toMatch(
      /^Outflow does not send requests to localhost: it resolves to /,
    );
  });

  it("allows loopback by name and address in development, but not private ranges", async () => {
    await expect(checkUrlResolved("http://localhost:9/", development)).resolves.toMatchObject({ ok: true });
    expect(checkUrl("http://127.0.0.1:9/", development)).toMatchObject({ ok: true });
    expect(checkUrl("http://[::1]:9/", development)).toMatchObject({ ok: true });
    expect(checkUrl("http://10.0.0.1/", development)).toMatchObject({ ok: false });
    expect(checkUrl("http://169.254.169.254/", development)).toMatchObject({ ok: false });
  });
});

describe("Outflow's own Request Inspector", () => {
  it("is reachable in production", () => {
    expect(checkUrl("http://localhost:3000/api/inspect/abc", production)).toMatchObject({
      ok: true,
      route: "self",
    });
  });

  it.each([
    "http://localhost:3000/api/other",
    "http://localhost:3000/api/inspect/../admin",
    "http://localhost:3000/api/inspect/%2e%2e/admin",
    "http://localhost:3001/api/inspect/abc",
    "https://localhost:3000/api/inspect/abc",
  ])("is not a way in for %s", async (url) => {
    await expect(checkUrlResolved(url, production)).resolves.toMatchObject({ ok: false });
  });
});

describe("createGuardedLookup", () => {
  const lookup = (policy: GuardPolicy, all: boolean) =>
    new Promise<string | LookupAddress[]>((resolve, reject) =>
      createGuardedLookup(policy)("localhost", { all }, (error, address) =>
        error ? reject(error) : resolve(address),
      ),
    );

  it("refuses inside the connection, so the address connected to is the one checked", async () => {
    await expect(lookup(production, true)).rejects.toMatchObject({ code: "ERR_OUTFLOW_REFUSED" });
  });

  it("answers in the shape Node asks for", async () => {
    const all = await lookup(development, true);
    expect(Array.isArray(all) && all.length > 0).toBe(true);
    expect(await lookup(development, false)).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});

describe("connectedAddressRefusal: the address a new connection reached", () => {
  it("refuses a connection that reached a forbidden address, whatever the name", () => {
    expect(connectedAddressRefusal("api.example.com", "10.0.0.7", production)).toMatch(
      /api\.example\.com: it resolves to 10\.0\.0\.7 \(a private address\)/,
    );
    expect(connectedAddressRefusal("127.0.0.1", "127.0.0.1", production)).toMatch(/a loopback address/);
    expect(connectedAddressRefusal("api.example.com", undefined, production)).toMatch(/could not tell/);
  });

  it("lets public addresses, loopback outside production and allowed names through", () => {
    expect(connectedAddressRefusal("api.example.com", "93.184.216.34", production)).toBeUndefined();
    expect(connectedAddressRefusal("localhost", "127.0.0.1", development)).toBeUndefined();
    expect(connectedAddressRefusal("internal.corp", "10.0.0.7", allowing("internal.corp"))).toBeUndefined();
  });
});

describe("the guard's per-policy caches are never stale", () => {
  it("sees an allowance added to or removed from the same policy object", () => {
    const policy: GuardPolicy = { ...production, allowedHosts: [] };
    expect(checkUrl("http://10.1.2.3/", policy).ok).toBe(false);
    policy.allowedHosts.push("10.0.0.0/8");
    expect(checkUrl("http://10.1.2.3/", policy).ok).toBe(true);
    policy.allowedHosts = [];
    expect(checkUrl("http://10.1.2.3/", policy).ok).toBe(false);
    policy.isProduction = false;
    expect(checkUrl("http://127.0.0.1/", policy).ok).toBe(true);
    policy.isProduction = true;
    expect(checkUrl("http://127.0.0.1/", policy).ok).toBe(false);
  });

  it("answers the same on every repeat", () => {
    for (let round = 0; round < 3; round++) {
      expect(checkUrl("http://169.254.169.254/", allowing("169.254.0.0/16")).ok).toBe(false);
      expect(checkUrl("http://8.8.8.8/", production).ok).toBe(true);
    }
  });
});

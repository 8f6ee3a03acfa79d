import { describe, expect, it } from "vitest";
import { httpApi } from "@/lib/connectors/http-api";
import type { ResolvedCredential } from "@/lib/connectors/types";
import { applyCredentialAuth } from "./apply-credential-auth";
import { isInScope, scopeKey } from "./credential-scope";

const credential = (allowedDomains: string[] = []): ResolvedCredential => ({
  values: { authType: "bearer", token: "t" },
  baseUrl: "https://api.example.com/v1",
  tokenUrl: undefined,
  allowedDomains,
});

describe("isInScope", () => {
  it("allows the base URL's origin only, not its neighbours", () => {
    expect(isInScope(credential(), "https://api.example.com/other/path?x=1")).toBe(true);
    expect(isInScope(credential(), "http://api.example.com/v1")).toBe(false);
    expect(isInScope(credential(), "https://api.example.com:8443/v1")).toBe(false);
    expect(isInScope(credential(), "https://uploads.example.com/v1")).toBe(false);
    expect(isInScope(credential(), "https://api.example.com.evil.test/v1")).toBe(false);
  });

  it("allows what Allowed domains lists: an origin exactly, a host on any port, a wildcard's subdomains", () => {
    const allowed = credential(["https://files.example.net:8443", "uploads.example.org", "*.example.io"]);
    expect(isInScope(allowed, "https://files.example.net:8443/x")).toBe(true);
    expect(isInScope(allowed, "https://files.example.net/x")).toBe(false);
    expect(isInScope(allowed, "http://uploads.example.org:8080/x")).toBe(true);
    expect(isInScope(allowed, "https://a.b.example.io/x")).toBe(true);
    expect(isInScope(allowed, "https://example.io/x")).toBe(false);
    expect(isInScope(allowed, "https://badexample.io/x")).toBe(false);
  });
});

describe("scopeKey", () => {
  it("changes with the base URL's origin or the Allowed domains, not with its path", () => {
    const key = scopeKey(httpApi, credential());
    expect(scopeKey(httpApi, { ...credential(), baseUrl: "https://api.example.com/v2" })).toBe(key);
    expect(scopeKey(httpApi, { ...credential(), baseUrl: "https://evil.test/v1" })).not.toBe(key);
    expect(scopeKey(httpApi, credential(["uploads.example.com"]))).not.toBe(key);
  });

  it("changes with the token URL's origin when the credential exchanges one", () => {
    const oauth = (tokenUrl: string): ResolvedCredential => ({
      ...credential(),
      values: { authType: "oauth2", tokenUrl, clientId: "c", clientSecret: "s" },
    });
    const key = scopeKey(httpApi, oauth("https://auth.example.com/token"));
    expect(scopeKey(httpApi, oauth("https://auth.example.com/oauth/token"))).toBe(key);
    expect(scopeKey(httpApi, oauth("https://evil.test/token"))).not.toBe(key);
  });
});

describe("applyCredentialAuth", () => {
  it("marks every header and query parameter the auth set, and none it did not", () => {
    const inUse = (values: Record<string, string>) => ({
      workspaceId: "w",
      connector: httpApi,
      resolved: { ...credential(), values },
      secretValues: [],
    });
    const request = {
      method: "GET",
      url: "https://api.example.com/v1?page=2",
      headers: { accept: "text/plain" },
    };
    const header = applyCredentialAuth(
      inUse({ authType: "header", headerName: "X-Partner", headerValue: "k" }),
      request,
      undefined,
    );
    expect(header.credentialParts).toEqual({ headers: ["x-partner"], query: [] });
    const query = applyCredentialAuth(
      inUse({ authType: "query", queryName: "key", queryValue: "k" }),
      request,
      undefined,
    );
    expect(query.credentialParts).toEqual({ headers: [], query: ["key"] });
  });
});

/** Every URL field refuses user:pass@ and CR, LF or tab, with the reason on that field. */
import { describe, expect, it } from "vitest";
import { httpApi } from "@/lib/connectors/http-api";
import { URL_USERINFO_MESSAGE, URL_WHITESPACE_MESSAGE } from "@/lib/http/url-rules";
import { alertWebhookSchema } from "@/lib/notifications/alert-webhook-schema";
import { manualConfig } from "@/lib/payload/test-config";
import { validateEndpointConfig } from "@/lib/payload/validate-endpoint-config";
import { credentialInputSchema } from "./credential-input";

const BAD = [
  ["https://bob:pw@api.example.com/v1", URL_USERINFO_MESSAGE],
  ["https://api.example.com/v1\n/items", URL_WHITESPACE_MESSAGE],
  ["https://api.exam\tple.com/v1", URL_WHITESPACE_MESSAGE],
] as const;

const issuesByPath = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

describe("URL fields", () => {
  it.each(BAD)("the credential's API base URL and token URL refuse %j", (url, message) => {
    for (const field of ["baseUrl", "tokenUrl"]) {
      const result = credentialInputSchema.safeParse({
        connectorId: "http",
        name: "API",
        values: {},
        [field]: url,
      });
      expect(issuesByPath(result)).toEqual({ [field]: message });
    }
  });

  it.each(BAD)("the HTTP API token URL and test URL refuse %j", (url, message) => {
    const result = httpApi.schema.safeParse({
      authType: "oauth2",
      tokenUrl: url,
      clientId: "client",
      clientSecret: "secret",
      testPath: url,
    });
    expect(issuesByPath(result)).toEqual({ tokenUrl: message, testPath: message });
  });

  it.each(BAD)("the endpoint URL refuses %j", (url, message) => {
    expect(validateEndpointConfig(manualConfig({ url }), undefined)).toEqual({ url: message });
  });

  it.each(BAD)("the alert webhook URL refuses %j", (url, message) => {
    expect(issuesByPath(alertWebhookSchema.safeParse({ url }))).toEqual({ url: message });
  });

  it("Allowed domains takes host names, wildcards and origins, and names an entry it cannot use", () => {
    const parse = (allowedDomains: string) =>
      credentialInputSchema.safeParse({ connectorId: "http", name: "API", values: {}, allowedDomains });
    expect(
      parse("Uploads.Example.com, *.example.com https://API.example.com:8443/").data?.allowedDomains,
    ).toEqual(["uploads.example.com", "*.example.com", "https://api.example.com:8443"]);
    for (const entry of [
      "https://example.com/path",
      "example.com:8443",
      "ftp://example.com",
      "https://u:p@example.com",
    ]) {
      expect(issuesByPath(parse(entry)).allowedDomains).toMatch(
        new RegExp(`^"${entry.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}" is not a domain`),
      );
    }
  });
});

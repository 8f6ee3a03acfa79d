import { z } from "zod";
import { urlTextProblem } from "@/lib/http/url-rules";
import { bearer, clientCredentialsRequest, joinUrl, withHeaders, withQuery } from "./request-helpers";
import type { Connector, CredentialField, CredentialValues } from "./types";

const AUTH_TYPES = [
  { value: "none", label: "None" },
  { value: "bearer", label: "Bearer token" },
  { value: "basic", label: "Basic (user and password)" },
  { value: "header", label: "API key in a header" },
  { value: "query", label: "API key in the query string" },
  { value: "oauth2", label: "OAuth2 client credentials" },
] as const;

type AuthType = (typeof AUTH_TYPES)[number]["value"];

const when = (...types: AuthType[]) => ({ field: "authType", equals: types });

/** The fields each auth type needs, so validation asks only for those. */
const REQUIRED: Record<AuthType, { name: string; label: string }[]> = {
  none: [],
  bearer: [{ name: "token", label: "token" }],
  basic: [{ name: "username", label: "user name" }],
  header: [
    { name: "headerName", label: "header name" },
    { name: "headerValue", label: "API key" },
  ],
  query: [
    { name: "queryName", label: "parameter name" },
    { name: "queryValue", label: "API key" },
  ],
  oauth2: [
    { name: "tokenUrl", label: "token URL" },
    { name: "clientId", label: "client ID" },
    { name: "clientSecret", label: "client secret" },
  ],
};

const fields: CredentialField[] = [
  {
    name: "authType",
    label: "Authentication",
    options: [...AUTH_TYPES],
    help: "How the API expects to be authenticated; see its documentation.",
  },
  {
    name: "token",
    label: "Token",
    secret: true,
    showWhen: when("bearer"),
    help: "Sent as Authorization: Bearer <token>.",
  },
  {
    name: "username",
    label: "User name",
    showWhen: when("basic"),
    help: "Sent with the password as HTTP Basic auth.",
  },
  {
    name: "password",
    label: "Password",
    secret: true,
    optional: true,
    showWhen: when("basic"),
    help: "May be empty.",
  },
  {
    name: "headerName",
    label: "Header name",
    showWhen: when("header"),
    placeholder: "X-API-Key",
    help: "The header that carries the key.",
  },
  {
    name: "headerValue",
    label: "API key",
    secret: true,
    showWhen: when("header"),
    help: "The header's value.",
  },
  {
    name: "queryName",
    label: "Parameter name",
    showWhen: when("query"),
    placeholder: "api_key",
    help: "The query parameter that carries the key.",
  },
  {
    name: "queryValue",
    label: "API key",
    secret: true,
    showWhen: when("query"),
    help: "The parameter's value.",
  },
  {
    name: "tokenUrl",
    label: "Token URL",
    showWhen: when("oauth2"),
    placeholder: "https://auth.example.com/oauth/token",
    help: "Where client credentials are exchanged for an access token.",
  },
  { name: "clientId", label: "Client ID", showWhen: when("oauth2"), help: "The OAuth client's id." },
  {
    name: "clientSecret",
    label: "Client secret",
    secret: true,
    showWhen: when("oauth2"),
    help: "The OAuth client's secret.",
  },
  {
    name: "scope",
    label: "Scope",
    optional: true,
    showWhen: when("oauth2"),
    help: "Space-separated scopes, if the API asks for any.",
  },
  {
    name: "testMethod",
    label: "Test method",
    optional: true,
    options: [
      { value: "GET", label: "GET" },
      { value: "HEAD", label: "HEAD" },
      { value: "POST", label: "POST" },
    ],
    help: "The request Test Connection sends.",
  },
  {
    name: "testPath",
    label: "Test URL or path",
    optional: true,
    placeholder: "/health",
    help: "A cheap request that needs authentication. Relative to the base URL; empty means the base URL itself.",
  },
];

const schema = z
  .record(z.string(), z.string().optional())
  .transform((values) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v?.trim() || undefined])),
  )
  .superRefine((values, ctx) => {
    const authType = values.authType as AuthType | undefined;
    if (!authType || !(authType in REQUIRED)) {
      ctx.addIssue({ code: "custom", path: ["authType"], message: "Choose how the API is authenticated." });
      return;
    }
    for (const field of REQUIRED[authType]) {
      if (!values[field.name])
        ctx.addIssue({ code: "custom", path: [field.name], message: `Enter the ${field.label}.` });
    }
    if (values.headerName && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(values.headerName)) {
      ctx.addIssue({
        code: "custom",
        path: ["headerName"],
        message: "A header name has letters, digits and - only.",
      });
    }
    if (values.tokenUrl && !/^https?:\/\//i.test(values.tokenUrl)) {
      ctx.addIssue({ code: "custom", path: ["tokenUrl"], message: "Enter an http:// or https:// URL." });
    }
    for (const name of ["tokenUrl", "testPath"]) {
      const problem = values[name] ? urlTextProblem(values[name]) : null;
      if (problem) ctx.addIssue({ code: "custom", path: [name], message: problem });
    }
  }) as unknown as z.ZodType<CredentialValues>;

function testUrl(baseUrl: string, values: CredentialValues): string {
  return values.testPath ? joinUrl(baseUrl, values.testPath) : baseUrl;
}

export const httpApi: Connector = {
  id: "http",
  name: "HTTP API",
  logo: "/logos/http.svg",
  description:
    "Any JSON or form API: set the base URL, the authentication and, per destination, method, path and headers.",
  docsUrl: "https://developer.mozilla.org/en-US/docs/Web/HTTP/Authentication",
  defaultBaseUrl: "",
  needsCredential: true,
  fields,
  schema,
  oauth: {
    tokenUrl: (credential) => credential.tokenUrl ?? credential.values.tokenUrl ?? "",
    tokenRequest: (credential, tokenUrl) =>
      credential.values.authType === "oauth2"
        ? clientCredentialsRequest(tokenUrl, {
            clientId: credential.values.clientId ?? "",
            clientSecret: credential.values.clientSecret ?? "",
            scope: credential.values.scope,
          })
        : null,
  },
  combinedSecrets: (values) =>
    values.authType === "basic" && values.password ? [`${values.username ?? ""}:${values.password}`] : [],
  applyAuth: (request, { values }, accessToken) => {
    switch (values.authType as AuthType) {
      case "bearer":
        return bearer(request, values.token);
      case "basic": {
        const encoded = Buffer.from(`${values.username ?? ""}:${values.password ?? ""}`).toString("base64");
        return withHeaders(request, { authorization: `Basic ${encoded}` });
      }
      case "header":
        return withHeaders(request, { [values.headerName ?? "x-api-key"]: values.headerValue ?? "" });
      case "query":
        return withQuery(request, { [values.queryName ?? "api_key"]: values.queryValue ?? "" });
      case "oauth2":
        return bearer(request, accessToken);
      default:
        return request;
    }
  },
  test: {
    kind: "request",
    request: ({ baseUrl, values }) => ({ method: values.testMethod ?? "GET", url: testUrl(baseUrl, values) }),
    label: ({ baseUrl, values }) => `${values.testMethod ?? "GET"} ${testUrl(baseUrl, values)}`,
  },
  rateLimit: { requests: 10, windowSeconds: 1 },
  // Configure Manually only: an arbitrary API has no pre-built endpoints.
  templates: [],
  secretLabel: "token or key",
};

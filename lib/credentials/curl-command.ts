/**
 * "Copy as curl": a request as a shell command that sends the same bytes, with the credential's
 * secrets as shell variables ($OUTFLOW_API_KEY) instead of their values, so the command can be
 * pasted into a terminal, a ticket or a chat without leaking a key. The auth is applied again with
 * placeholders in place of the secrets, exactly as the connector applies it; wherever a placeholder
 * lands (a header, a query parameter, the user:password of HTTP Basic) the command reads the
 * variable instead.
 */
import type { ResolvedCredential } from "@/lib/connectors/types";
import { redactText } from "@/lib/http/redact";
import type { OutboundRequest } from "@/lib/http/types";
import type { CredentialInUse } from "./resolve-credential";

export type CurlCommand = {
  command: string;
  /** The shell variables the command reads, to set before running it. */
  variables: string[];
};

const PLACEHOLDER = /__OUTFLOW_VAR_([A-Z0-9_]+)__/g;
const placeholder = (name: string) => `__OUTFLOW_VAR_${name}__`;
/** Headers curl sets itself from what it sends. */
const LEFT_TO_CURL = new Set(["content-length", "host", "connection", "transfer-encoding"]);

/** `apiKey` → `OUTFLOW_API_KEY`. */
function variableName(field: string): string {
  return `OUTFLOW_${field.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
}

/**
 * The command for `request`: as built (no auth yet) or as logged (auth applied, secrets masked);
 * either way the credential's auth is applied again with variables for its secrets.
 */
export function curlCommand(request: OutboundRequest, credential: CredentialInUse | null): CurlCommand {
  const authed = credential ? withPlaceholderAuth(request, credential) : request;
  const variables = new Set<string>();
  const method = authed.method === "GET" && authed.body === undefined ? "" : `-X ${authed.method} `;
  const args = [`curl ${method}${shellWord(authed.url, variables)}`];
  for (const [name, value] of Object.entries(authed.headers ?? {})) {
    if (LEFT_TO_CURL.has(name.toLowerCase())) continue;
    const basic = name.toLowerCase() === "authorization" ? basicUserPassword(value) : null;
    // curl builds HTTP Basic from -u, so the password can stay a variable.
    if (basic !== null) args.push(`-u ${shellWord(basic, variables)}`);
    else args.push(`-H ${shellWord(`${name}: ${value}`, variables)}`);
  }
  if (authed.body !== undefined) {
    const body = typeof authed.body === "string" ? authed.body : Buffer.from(authed.body).toString("utf8");
    args.push(`--data-raw ${shellWord(body, variables)}`);
  }
  return { command: args.join(" \\\n  "), variables: [...variables] };
}

function withPlaceholderAuth(request: OutboundRequest, credential: CredentialInUse): OutboundRequest {
  const { connector, resolved, secretValues } = credential;
  const secretFields = new Set(connector.fields.filter((field) => field.secret).map((field) => field.name));
  const values = Object.fromEntries(
    Object.entries(resolved.values).map(([field, value]) => [
      field,
      secretFields.has(field) && value ? placeholder(variableName(field).slice("OUTFLOW_".length)) : value,
    ]),
  );
  const withPlaceholders: ResolvedCredential = { ...resolved, values };
  const usesToken = Boolean(connector.oauth?.tokenRequest(resolved, ""));
  const token = usesToken ? placeholder("ACCESS_TOKEN") : undefined;
  // A logged request carries the auth already, masked: what the auth sets is set again.
  const authHeaders = new Set(
    Object.keys(
      connector.applyAuth({ method: "GET", url: resolved.baseUrl }, withPlaceholders, token).headers ?? {},
    ).map((name) => name.toLowerCase()),
  );
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).filter(([name]) => !authHeaders.has(name.toLowerCase())),
  );
  const authed = connector.applyAuth({ ...request, headers }, withPlaceholders, token);
  // A secret that reached the request another way (a setting a template writes into the URL, an
  // echo in the body) stays masked, in whatever form it travels.
  return {
    ...authed,
    url: redactText(authed.url, secretValues),
    headers: Object.fromEntries(
      Object.entries(authed.headers ?? {}).map(([name, value]) => [name, redactText(value, secretValues)]),
    ),
    body: typeof authed.body === "string" ? redactText(authed.body, secretValues) : authed.body,
  };
}

/** The `user:password` of an HTTP Basic header whose password is a placeholder, or null. */
function basicUserPassword(value: string): string | null {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(value);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  return decoded.includes(":") && new RegExp(PLACEHOLDER.source).test(decoded) ? decoded : null;
}

/** One shell word: single-quoted text, with each placeholder read from its variable. */
function shellWord(text: string, variables: Set<string>): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(singleQuoted(text.slice(last, match.index)));
    const name = `OUTFLOW_${match[1]}`;
    variables.add(name);
    parts.push(`"$${name}"`);
    last = match.index + match[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push(singleQuoted(text.slice(last)));
  return parts.join("");
}

function singleQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

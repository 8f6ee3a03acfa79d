/**
 * The one way Outflow calls external APIs: Send Test Data, Test Connection and the run executor all
 * come through here. Every request is checked by the SSRF guard (and every redirect hop again),
 * time-boxed, and its response body capped; failures come back as typed results, never as throws.
 */
import { STATUS_CODES } from "node:http";
import type { Dispatcher } from "undici";
import { getConfig } from "@/lib/config";
import { agentFor } from "./agents";
import { classifyError } from "./classify-error";
import { findHeaderProblem, isToken } from "./header-safety";
import { readCappedBody } from "./read-body";
import { isSensitiveHeaderName, redactText, redactUrl } from "./redact";
import { checkUrl } from "./ssrf-guard";
import type {
  GuardPolicy,
  OutboundErrorKind,
  OutboundFailure,
  OutboundRequest,
  OutboundResult,
  SendOptions,
} from "./types";

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

type Hop = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Set once a redirect left the first origin: the credential's parts stay dropped from then on. */
  leftOrigin?: boolean;
};

export async function sendRequest(
  request: OutboundRequest,
  options: SendOptions = {},
): Promise<OutboundResult> {
  const started = performance.now();
  const secrets = options.secrets ?? [];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const fail = (kind: OutboundErrorKind, message: string): OutboundFailure => ({
    ok: false,
    error: { kind, message: redactText(message, secrets) },
    durationMs: Math.round(performance.now() - started),
  });

  const method = request.method.trim().toUpperCase();
  if (!isToken(method)) return fail("invalid-request", `"${request.method}" is not an HTTP method.`);
  const headers = { ...request.headers };
  const headerProblem = findHeaderProblem(headers);
  if (headerProblem) return fail("invalid-request", headerProblem);

  const policy = options.policy ?? defaultPolicy();
  const follow = options.followRedirects ?? (method === "GET" || method === "HEAD");
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);

  let hop: Hop = { url: request.url, method, headers, body: request.body };
  try {
    for (let redirects = 0; ; redirects++) {
      // Say where a redirect led, or a refusal of an address the user never typed is puzzling.
      const via = redirects > 0 ? `The API redirected to ${redactUrl(hop.url, secrets)}. ` : "";
      const verdict = checkUrl(hop.url, policy);
      if (!verdict.ok) return fail(verdict.kind, `${via}${verdict.message}`);
      const { url } = verdict;
      try {
        const response = await agentFor(policy, verdict.route, connectTimeoutMs).request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: hop.method,
          headers: hop.headers,
          body: hop.body,
          signal: controller.signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        const location = firstValue(response.headers.location);
        if (follow && REDIRECT_STATUSES.has(response.statusCode) && location) {
          // Drain so the connection returns to the pool (dump() closes it instead if the body is big).
          await response.body.dump();
          await connectionReleased();
          if (redirects === MAX_REDIRECTS) {
            return fail(
              "network",
              `Stopped after ${MAX_REDIRECTS} redirects (the last pointed to ${redactUrl(location, secrets)}).`,
            );
          }
          const next = nextHop(hop, url, response.statusCode, location, request.credentialParts);
          if (!next)
            return fail(
              "invalid-request",
              `The API redirected to an invalid URL: ${redactUrl(location, secrets)}`,
            );
          hop = next;
          continue;
        }
        const body = await readCappedBody(response.body, maxResponseBytes);
        await connectionReleased();
        return {
          ok: true,
          status: response.statusCode,
          // undici does not expose the reason phrase (HTTP/2 has none); the standard one is shown.
          statusText: STATUS_CODES[response.statusCode] ?? "",
          headers: flattenHeaders(response.headers),
          body: body.text,
          bodyBytes: body.bytes,
          bodyTruncated: body.truncated,
          durationMs: Math.round(performance.now() - started),
          finalUrl: url.href,
        };
      } catch (error) {
        const { kind, message } = classifyError(error, { url, timeoutMs, connectTimeoutMs, timedOut });
        return fail(kind, kind === "refused-by-policy" ? `${via}${message}` : message);
      }
    }
  } finally {
    clearTimeout(timer);
  }
}

/** The request for the next hop, following what browsers do; undefined when Location is not a URL. */
function nextHop(
  hop: Hop,
  from: URL,
  status: number,
  location: string,
  credentialParts: OutboundRequest["credentialParts"],
): Hop | undefined {
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    return undefined;
  }
  let { method, body } = hop;
  const headers = { ...hop.headers };
  // Credentials are for the origin the user configured, never for wherever it redirects to
  // (also http after https: a different origin): every header and query parameter the
  // credential set goes, whatever its name, and so does any header that looks like a credential.
  // Once dropped they stay dropped, even if a later hop comes back.
  const leftOrigin = hop.leftOrigin === true || target.origin !== from.origin;
  if (leftOrigin) {
    const credentialHeaders = new Set(credentialParts?.headers.map((name) => name.toLowerCase()));
    for (const name of Object.keys(headers)) {
      if (isSensitiveHeaderName(name) || credentialHeaders.has(name.toLowerCase())) delete headers[name];
    }
    for (const name of credentialParts?.query ?? []) target.searchParams.delete(name);
  }
  // 303 always, and 301/302 after POST by long-standing practice, turn into a GET without a body.
  if ((status === 303 && method !== "HEAD") || ((status === 301 || status === 302) && method === "POST")) {
    method = "GET";
    body = undefined;
    for (const name of Object.keys(headers)) {
      if (/^content-(type|length|encoding)$/i.test(name)) delete headers[name];
    }
  }
  return { url: target.href, method, headers, body, leftOrigin };
}

/**
 * undici's pool learns that a connection is idle again on a later tick than the body's end; without
 * this, a caller sending its next request right away (the run executor, batch after batch) would
 * open a new connection, and a TLS handshake, every other time.
 */
function connectionReleased(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function flattenHeaders(headers: Dispatcher.ResponseData["headers"]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** One policy object per configuration, so the guard's per-policy caches hold across requests. */
const policies = new WeakMap<ReturnType<typeof getConfig>, GuardPolicy>();

function defaultPolicy(): GuardPolicy {
  const config = getConfig();
  let policy = policies.get(config);
  if (!policy) {
    policy = {
      isProduction: config.isProduction,
      allowedHosts: config.allowedHosts,
      selfOrigin: config.publicUrl,
    };
    policies.set(config, policy);
  }
  return policy;
}

/**
 * Turns what undici and Node throw into an error kind (retries depend on it) and a sentence a person
 * can act on. Network conditions are results, not exceptions: nothing here throws.
 */
import { RequestRefusedError } from "./ssrf-guard";
import type { OutboundErrorKind } from "./types";

export type ClassifiedError = { kind: OutboundErrorKind; message: string };

export type ErrorContext = {
  url: URL;
  timeoutMs: number;
  connectTimeoutMs: number;
  /** Our own total timeout fired: whatever undici reports then is a consequence of it. */
  timedOut: boolean;
};

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME"]);
const CONNECT_REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EADDRNOTAVAIL: "address not available",
  EPIPE: "connection closed",
};
const RESPONSE_TIMEOUT_CODES = new Set([
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_ABORTED",
  "ABORT_ERR",
]);
const INVALID_CODES = new Set([
  "UND_ERR_INVALID_ARG",
  "UND_ERR_NOT_SUPPORTED",
  "ERR_INVALID_URL",
  "ERR_INVALID_CHAR",
  "ERR_INVALID_HTTP_TOKEN",
  "ERR_INVALID_ARG_TYPE",
]);
/** OpenSSL verification codes (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, …) and Node's own. */
const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT/;
const HANDSHAKE_CODE = /^(ERR_SSL_|ERR_TLS_|EPROTO$)/;

export function classifyError(error: unknown, context: ErrorContext): ClassifiedError {
  const { url } = context;
  const host = url.hostname;
  const hostPort = `${host}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
  const noResponse = `No response from ${host} within ${seconds(context.timeoutMs)}.`;
  if (context.timedOut) return { kind: "timeout", message: noResponse };

  const chain = errorChain(error);
  const refusal = chain.find((e) => e instanceof RequestRefusedError);
  if (refusal) return { kind: "refused-by-policy", message: refusal.message };

  for (const e of chain) {
    const code = codeOf(e);
    if (!code) continue;
    if (DNS_CODES.has(code)) return { kind: "dns", message: `Could not resolve ${host}: check the URL.` };
    if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT") {
      const limit = seconds(context.connectTimeoutMs);
      return { kind: "timeout", message: `Could not connect to ${hostPort} within ${limit}.` };
    }
    if (RESPONSE_TIMEOUT_CODES.has(code)) return { kind: "timeout", message: noResponse };
    const reason = CONNECT_REASONS[code];
    if (reason) return { kind: "connect", message: `Could not connect to ${hostPort} (${reason}).` };
    if (CERTIFICATE_CODE.test(code)) {
      return { kind: "tls", message: `The TLS certificate of ${host} is not trusted (${e.message}).` };
    }
    if (HANDSHAKE_CODE.test(code)) {
      return { kind: "tls", message: `The TLS handshake with ${hostPort} failed (${e.message}).` };
    }
    if (INVALID_CODES.has(code))
      return { kind: "invalid-request", message: `The request is not valid: ${e.message}` };
    if (code === "UND_ERR_SOCKET") {
      return {
        kind: "network",
        message: `The connection to ${hostPort} closed before the response was complete.`,
      };
    }
  }
  const first = chain[0];
  if (first?.name === "AbortError" || first?.name === "TimeoutError")
    return { kind: "timeout", message: noResponse };
  return {
    kind: "network",
    message: `The request to ${hostPort} failed (${first?.message || "unknown error"}).`,
  };
}

/** The error, its causes, and the per-address errors Node collects when it tries several addresses. */
function errorChain(error: unknown): Error[] {
  const chain: Error[] = [];
  const pending: unknown[] = [error];
  while (pending.length > 0 && chain.length < 20) {
    const next = pending.shift();
    if (!(next instanceof Error) || chain.includes(next)) continue;
    chain.push(next);
    if (next instanceof AggregateError) pending.push(...next.errors);
    if (next.cause) pending.push(next.cause);
  }
  return chain;
}

function codeOf(error: Error): string | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === "string" ? code : undefined;
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}

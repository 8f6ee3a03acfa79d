import { SOCKET_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { redactHeaders } from "@/lib/http/redact";
import type { HeaderPair } from "./stored-headers";

/** Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, not what the sender sent. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/**
 * Not the sender's either: cookies would be Outflow's own session cookie when a browser calls the
 * URL; `x-outflow-path` is added by proxy.ts and the socket address by scripts/next-server.mjs; Next's server adds the `x-forwarded-*` headers to
 * every request that lacks them (next/dist/server/base-server.js), as does a reverse proxy.
 */
const NOT_RECORDED = new Set([
  "cookie",
  "set-cookie",
  "x-outflow-path",
  SOCKET_ADDRESS_HEADER,
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-port",
  "x-forwarded-proto",
]);

/** The headers worth showing: hop-by-hop ones and cookies dropped, secrets masked. */
export function receivedHeaders(headers: Headers): HeaderPair[] {
  const listedInConnection = (headers.get("connection") ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const dropped = new Set([...HOP_BY_HOP, ...NOT_RECORDED, ...listedInConnection]);
  // No prototype: a header may legally be named `__proto__`.
  const kept: Record<string, string> = Object.create(null);
  // Headers iterates lower-cased names, repeated ones already joined, so a record loses nothing.
  for (const [name, value] of headers) if (!dropped.has(name)) kept[name] = value;
  // A flow pointed at an inspector sends a credential's secrets, which Outflow never shows
  // (DESIGN.md, "Secrets"): they are stored masked, `Bearer ••••abcd`, like in the request log.
  return Object.entries(redactHeaders(kept, []));
}

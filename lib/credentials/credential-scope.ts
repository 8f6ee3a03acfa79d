/**
 * Where a credential's auth may go (issue #12: credentials are bound to their API). Its auth is
 * applied only to requests on its API base URL's origin or on an origin its own Allowed domains
 * list names; the token exchange goes to the token URL. Anything else is refused before a byte
 * is sent, so a URL typed into a destination, or a base URL a member re-points at their own
 * server, can never carry a saved secret somewhere it was not saved for.
 */
import type { Connector, ResolvedCredential } from "@/lib/connectors/types";

/** `https://api.example.com:8443`, or null when `url` is not an http(s) URL. */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  // Every request of a run asks about the same base URL and endpoint URLs: parsed once each.
  const known = origins.get(url);
  if (known !== undefined) return known;
  let origin: string | null;
  try {
    const parsed = new URL(url);
    origin = parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : null;
  } catch {
    origin = null;
  }
  if (origins.size >= ORIGIN_CACHE_SIZE) origins.clear();
  origins.set(url, origin);
  return origin;
}

/** originOf's answers by URL text (a pure function of it, so never stale). */
const origins = new Map<string, string | null>();
const ORIGIN_CACHE_SIZE = 1000;

/** The API's origin: the base URL's. */
export function apiOrigin(credential: ResolvedCredential): string | null {
  return originOf(credential.baseUrl);
}

/**
 * Whether the credential's auth may be applied to a request to `url`: on the API's origin, or
 * matched by an Allowed domains entry (an origin exactly; a host name on any port; `*.example.com`
 * any subdomain of example.com).
 */
export function isInScope(credential: ResolvedCredential, url: string): boolean {
  const origin = originOf(url);
  if (!origin) return false;
  if (origin === apiOrigin(credential)) return true;
  const host = new URL(origin).hostname;
  return (credential.allowedDomains ?? []).some((entry) => {
    if (entry.includes("://")) return originOf(entry) === origin;
    if (entry.startsWith("*.")) return host.endsWith(entry.slice(1));
    return host === entry;
  });
}

/** The sentence a foreign URL gets, on its field and at send time. */
export function outOfScopeMessage(credential: ResolvedCredential, url: string): string {
  const api = apiOrigin(credential) ?? "the credential's API base URL";
  const origin = originOf(url) ?? url;
  return `${origin} is not on ${api}, the API this credential is for. Use a URL on ${api}, or add the domain to the credential's Allowed domains.`;
}

/**
 * Every place the credential's secrets may reach, as one comparable string: the API's origin, the
 * token exchange's (when it uses one) and the Allowed domains. When it changes, saved secrets are
 * not carried over.
 */
export function scopeKey(connector: Connector, credential: ResolvedCredential): string {
  const usesToken = Boolean(connector.oauth?.tokenRequest(credential, ""));
  const tokenUrl = usesToken ? connector.oauth?.tokenUrl(credential) : undefined;
  return JSON.stringify([
    apiOrigin(credential),
    usesToken ? originOf(tokenUrl) : null,
    [...new Set(credential.allowedDomains ?? [])].sort(),
  ]);
}

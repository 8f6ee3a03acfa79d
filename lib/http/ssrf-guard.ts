/**
 * Decides whether Outflow may send a request to a URL. Two layers, both needed:
 * - `checkUrl` before every request and every redirect hop: scheme, Outflow's own Request
 *   Inspector, metadata host names, literal IP hosts (a literal IP never goes through DNS);
 * - `createGuardedLookup` inside the connection itself: the name is resolved once, every address
 *   is checked, and the socket connects to a checked address. Checking in a separate lookup before
 *   connecting would let a DNS answer change in between (DNS rebinding);
 * - `connectedAddressRefusal` once the socket is open: the address it reached is checked again,
 *   once per connection, so a kept-alive connection needs no check per request.
 */

import type { LookupAddress } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import {
  bareHost,
  isAllowedHostName,
  METADATA_HOST_NAMES,
  METADATA_LABEL,
  refusalFor,
} from "./address-policy";
import type { GuardPolicy } from "./types";

/** Raised inside the connection when the guard refuses; its message is meant for the user. */
export class RequestRefusedError extends Error {
  readonly code = "ERR_OUTFLOW_REFUSED";
}

export type UrlVerdict =
  | {
      ok: true;
      url: URL;
      /** "self": Outflow's Request Inspector, reachable whatever the address policy says. */
      route: "self" | "guarded";
    }
  | { ok: false; kind: "invalid-request" | "refused-by-policy"; message: string };

const INSPECTOR_PATH = "/api/inspect/";

/** Everything that can be decided without DNS. A guarded verdict still needs the guarded lookup. */
export function checkUrl(input: string | URL, policy: GuardPolicy): UrlVerdict {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, kind: "invalid-request", message: `"${String(input)}" is not a valid URL.` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return {
      ok: false,
      kind: "invalid-request",
      message: `Outflow only sends requests to http:// and https:// URLs, not ${url.protocol}.`,
    };
  }
  // The client would silently drop user:password@ (and it would land in logs): say so instead.
  if (url.username || url.password) {
    return {
      ok: false,
      kind: "invalid-request",
      message: "Put credentials in a Credential or a request header, not in the URL (user:password@host).",
    };
  }
  if (isSelfInspector(url, policy)) return { ok: true, url, route: "self" };

  const host = bareHost(url.hostname);
  if (isAllowedHostName(host, policy)) return { ok: true, url, route: "guarded" };
  if (METADATA_HOST_NAMES.has(host)) return refused(describeRefusal(host, METADATA_LABEL));
  if (isIP(host)) {
    const reason = refusalFor(host, policy);
    if (reason) return refused(describeRefusal(host, reason));
  }
  return { ok: true, url, route: "guarded" };
}

/**
 * `checkUrl` plus resolving the host and checking every address, as sending would. For showing a
 * refusal early (e.g. when a destination is saved); a name that does not resolve is not refused
 * here, sending reports it as a DNS failure.
 */
export async function checkUrlResolved(input: string | URL, policy: GuardPolicy): Promise<UrlVerdict> {
  const verdict = checkUrl(input, policy);
  if (!verdict.ok || verdict.route === "self") return verdict;
  try {
    await resolveAllowedAddresses(verdict.url.hostname, policy);
    return verdict;
  } catch (error) {
    if (error instanceof RequestRefusedError) return refused(error.message);
    return verdict;
  }
}

/** All addresses of `hostname`, or RequestRefusedError if any of them is forbidden. */
export async function resolveAllowedAddresses(
  hostname: string,
  policy: GuardPolicy,
): Promise<LookupAddress[]> {
  const host = bareHost(hostname);
  const family = isIP(host);
  if (family !== 0) {
    const reason = refusalFor(host, policy);
    if (reason) throw new RequestRefusedError(describeRefusal(host, reason));
    return [{ address: host, family }];
  }
  // Named in OUTFLOW_ALLOWED_HOSTS: the operator vouches for wherever it resolves.
  if (isAllowedHostName(host, policy)) return dnsLookup(host, { all: true });
  if (METADATA_HOST_NAMES.has(host)) throw new RequestRefusedError(describeRefusal(host, METADATA_LABEL));

  const addresses = await dnsLookup(host, { all: true });
  // Any forbidden answer refuses the whole name: connecting may pick any of them.
  for (const { address } of addresses) {
    const reason = refusalFor(address, policy);
    if (reason) throw new RequestRefusedError(describeRefusal(host, reason, address));
  }
  return addresses;
}

/** A `lookup` for net/tls connect (undici's `connect.lookup`) that only ever yields checked addresses. */
export function createGuardedLookup(policy: GuardPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowedAddresses(hostname, policy).then(
      (addresses) => {
        const family =
          options.family === 4 || options.family === "IPv4"
            ? 4
            : options.family === 6 || options.family === "IPv6"
              ? 6
              : 0;
        const usable = family === 0 ? addresses : addresses.filter((a) => a.family === family);
        // Node asks for all addresses when it races IPv4 and IPv6 (autoSelectFamily).
        if (options.all) return callback(null, usable);
        const first = usable[0];
        if (first) return callback(null, first.address, first.family);
        const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
        error.code = "ENOTFOUND";
        callback(error, "");
      },
      (error: NodeJS.ErrnoException) => callback(error, options.all ? [] : ""),
    );
  };
}

/**
 * Why a connection that has just been opened for `hostname` must not be used, as words for a
 * person; undefined when it may. Checks the address the socket actually reached, once per
 * connection: also a literal IP host (which never goes through the guarded lookup) and whatever a
 * kept-alive connection is later reused for.
 */
export function connectedAddressRefusal(
  hostname: string,
  address: string | undefined,
  policy: GuardPolicy,
): string | undefined {
  const host = bareHost(hostname);
  if (isAllowedHostName(host, policy)) return undefined;
  if (!address) return `Outflow could not tell which address ${host} connected to, so it did not send.`;
  const reason = refusalFor(address, policy);
  if (!reason) return undefined;
  return describeRefusal(host, reason, host === bareHost(address) ? undefined : address);
}

/** The last self origin parsed: it is the same for every request of a process. */
let selfOriginText: string | undefined;
let selfOrigin: string | null = null;

function isSelfInspector(url: URL, policy: GuardPolicy): boolean {
  if (policy.selfOrigin !== selfOriginText) {
    selfOriginText = policy.selfOrigin;
    try {
      selfOrigin = new URL(policy.selfOrigin).origin;
    } catch {
      selfOrigin = null;
    }
  }
  // URL parsing has already resolved dot segments (also %2e%2e), so /api/inspect/../x cannot pass.
  return selfOrigin !== null && url.origin === selfOrigin && url.pathname.startsWith(INSPECTOR_PATH);
}

function describeRefusal(host: string, reason: string, resolvedTo?: string): string {
  const target = resolvedTo ? `${host}: it resolves to ${resolvedTo} (${reason})` : `${host} (${reason})`;
  const hint =
    reason === METADATA_LABEL
      ? ""
      : " Add the host to OUTFLOW_ALLOWED_HOSTS if this API really is on your private network.";
  return `Outflow does not send requests to ${target}.${hint}`;
}

function refused(message: string): UrlVerdict {
  return { ok: false, kind: "refused-by-policy", message };
}

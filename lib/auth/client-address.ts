import ipaddr from "ipaddr.js";
import { getConfig } from "@/lib/config";

/**
 * The address of the peer on the TCP connection, set by Outflow's own HTTP server
 * (scripts/next-server.mjs) after it deletes any copy the client sent. Next.js fills
 * `X-Forwarded-For` only when it is absent, so that header alone is whatever the client typed.
 */
export const SOCKET_ADDRESS_HEADER = "x-outflow-socket-address";

/**
 * The client's address: the socket's peer, or, when that peer is one of OUTFLOW_TRUSTED_PROXIES,
 * the address that proxy reports in `X-Forwarded-For` (walking right to left through trusted hops).
 * Used to key sign-in throttling and recorded in the audit log.
 */
export function clientAddress(requestHeaders: Headers): string {
  return resolveClientAddress({
    socketAddress: requestHeaders.get(SOCKET_ADDRESS_HEADER),
    forwardedFor: requestHeaders.get("x-forwarded-for"),
    trustedProxies: getConfig().trustedProxies,
  });
}

export function resolveClientAddress(input: {
  socketAddress: string | null;
  forwardedFor: string | null;
  trustedProxies: readonly string[];
}): string {
  let address = parseAddress(input.socketAddress);
  if (!address) return "unknown";
  const trusted = input.trustedProxies.map(parseRange);
  // Each proxy appends the peer it saw, so the nearest hop is the last entry.
  const hops = (input.forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean)
    .reverse();
  for (const hop of hops) {
    if (!isTrusted(address, trusted)) break;
    const next = parseAddress(hop);
    if (!next) break;
    address = next;
  }
  return address.toString();
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

function parseAddress(value: string | null): Address | undefined {
  if (!value) return undefined;
  // `[2001:db8::1]:443` and `203.0.113.5:443` appear in X-Forwarded-For from some proxies.
  const bare = value
    .replace(/^\[([^\]]+)\](?::\d+)?$/, "$1")
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1")
    .replace(/%.*$/, "");
  if (!ipaddr.isValid(bare)) return undefined;
  // `::ffff:192.0.2.1` (an IPv4 peer on a dual-stack socket) is the IPv4 address.
  return ipaddr.process(bare);
}

function parseRange(value: string): [Address, number] {
  if (value.includes("/")) {
    const [range, bits] = ipaddr.parseCIDR(value);
    return range.kind() === "ipv6" && (range as ipaddr.IPv6).isIPv4MappedAddress()
      ? [(range as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)]
      : [range, bits];
  }
  const address = ipaddr.process(value);
  return [address, address.kind() === "ipv4" ? 32 : 128];
}

function isTrusted(address: Address, ranges: [Address, number][]): boolean {
  return ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

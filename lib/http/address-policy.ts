/**
 * Which IP addresses Outflow may connect to. Pure: no DNS, no sockets. The SSRF guard asks this
 * module about every address a destination resolves to, and about literal IP hosts.
 */
import ipaddr from "ipaddr.js";
import type { GuardPolicy } from "./types";

type IP = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Cloud metadata services hand out the server's own credentials: the classic SSRF prize. Most are
 * inside link-local or private ranges anyway; they are named so a wide allowance such as
 * 169.254.0.0/16 cannot open them by accident (only an entry naming the exact address does).
 * AWS/GCP/Azure/OpenStack 169.254.169.254, AWS ECS 169.254.170.2, AWS IPv6 fd00:ec2::254,
 * Alibaba 100.100.100.200.
 */
const METADATA_ADDRESSES = new Set(
  ["169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200"].map((a) => normalize(a)),
);

/** GCP's metadata server by name ("metadata" resolves through the instance's search domain). */
export const METADATA_HOST_NAMES: ReadonlySet<string> = new Set(["metadata.google.internal", "metadata"]);

export const METADATA_LABEL = "the cloud metadata service, which hands out this server's credentials";

/** Wording for the ranges ipaddr.js's `range()` names; any other non-unicast range is refused too. */
const RANGE_LABELS: Record<string, string> = {
  loopback: "a loopback address, i.e. the Outflow server itself",
  private: "a private address",
  uniqueLocal: "a private address",
  linkLocal: "a link-local address",
  carrierGradeNat: "a carrier-grade NAT address",
  multicast: "a multicast address",
  unspecified: "an unspecified address",
  broadcast: "the broadcast address",
  reserved: "a reserved address",
};

/** A host as compared everywhere: no IPv6 brackets, no trailing dot, lower case. */
export function bareHost(host: string): string {
  return host
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "")
    .toLowerCase();
}

/**
 * Why `address` may not be reached under `policy`, as words for a person; undefined when it may.
 * Only ordinary public unicast addresses pass, plus loopback outside production, plus whatever
 * OUTFLOW_ALLOWED_HOSTS lists.
 */
export function refusalFor(address: string, policy: GuardPolicy): string | undefined {
  const { refusals } = compiled(policy);
  // Checked once per address and policy: every request and connection to the same host asks again.
  if (refusals.has(address)) return refusals.get(address);
  const reason = judge(address, policy);
  if (refusals.size >= REFUSAL_CACHE_SIZE) refusals.clear();
  refusals.set(address, reason);
  return reason;
}

function judge(address: string, policy: GuardPolicy): string | undefined {
  const ip = parse(address);
  if (!ip) return "an address Outflow cannot interpret";
  const judged = unwrapEmbeddedIPv4(ip);
  const isMetadata = METADATA_ADDRESSES.has(judged.toNormalizedString());
  if (isAllowedAddress([ip, judged], compiled(policy).ranges, isMetadata)) return undefined;
  if (isMetadata) return METADATA_LABEL;
  const range = judged.range();
  if (range === "unicast") return undefined;
  // Local fake APIs and the dev server live on loopback; production must not reach itself.
  if (range === "loopback" && !policy.isProduction) return undefined;
  return RANGE_LABELS[range] ?? "a special-purpose address";
}

/** True when OUTFLOW_ALLOWED_HOSTS names this host (exact, case-insensitive). */
export function isAllowedHostName(host: string, policy: GuardPolicy): boolean {
  return compiled(policy).names.has(bareHost(host));
}

function isAllowedAddress(candidates: IP[], ranges: [IP, number][], exactOnly: boolean): boolean {
  return ranges.some(([network, bits]) => {
    if (exactOnly && bits !== (network.kind() === "ipv4" ? 32 : 128)) return false;
    // match() throws across families, so compare only like with like.
    return candidates.some((ip) => ip.kind() === network.kind() && ip.match(network, bits));
  });
}

type CompiledPolicy = {
  /** What it was compiled from, so a policy object changed in place is compiled again. */
  isProduction: boolean;
  allowedHosts: string;
  selfOrigin: string;
  /** OUTFLOW_ALLOWED_HOSTS' host names (bare) and its CIDRs (a bare IP as a single-address CIDR). */
  names: ReadonlySet<string>;
  ranges: [IP, number][];
  /** refusalFor's answers by address. */
  refusals: Map<string, string | undefined>;
};

const REFUSAL_CACHE_SIZE = 1000;
const compiledPolicies = new WeakMap<GuardPolicy, CompiledPolicy>();

/**
 * The policy's allowed hosts parsed once instead of on every check. Kept with the policy object
 * and compared with what it was built from on every use, so it is never stale.
 */
function compiled(policy: GuardPolicy): CompiledPolicy {
  const allowedHosts = policy.allowedHosts.join("\n");
  const found = compiledPolicies.get(policy);
  if (
    found &&
    found.isProduction === policy.isProduction &&
    found.allowedHosts === allowedHosts &&
    found.selfOrigin === policy.selfOrigin
  ) {
    return found;
  }
  const names = new Set<string>();
  const ranges: [IP, number][] = [];
  for (const entry of policy.allowedHosts) {
    const range = parseEntry(entry);
    if (range) ranges.push(range);
    else names.add(bareHost(entry.trim()));
  }
  const fresh: CompiledPolicy = {
    isProduction: policy.isProduction,
    allowedHosts,
    selfOrigin: policy.selfOrigin,
    names,
    ranges,
    refusals: new Map(),
  };
  compiledPolicies.set(policy, fresh);
  return fresh;
}

/** An allowedHosts entry as a CIDR (a bare IP counts as a single-address CIDR); undefined for names. */
function parseEntry(entry: string): [IP, number] | undefined {
  const value = bareHost(entry.trim());
  try {
    if (value.includes("/")) return ipaddr.isValidCIDR(value) ? ipaddr.parseCIDR(value) : undefined;
    const ip = parse(value);
    return ip ? [ip, ip.kind() === "ipv4" ? 32 : 128] : undefined;
  } catch {
    return undefined;
  }
}

/** Strict parse: dotted-quad IPv4 or IPv6 only, so a name such as "10" is not taken for an address. */
function parse(address: string): IP | undefined {
  const value = bareHost(address);
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  if (ipaddr.IPv6.isValid(value)) return ipaddr.IPv6.parse(value);
  return undefined;
}

function normalize(address: string): string {
  return (parse(address) as IP).toNormalizedString();
}

/**
 * IPv6 forms that carry an IPv4 address and reach it: IPv4-mapped (::ffff:10.0.0.1), IPv4-
 * translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96) and the deprecated IPv4-compatible ::a.b.c.d.
 * They are judged as the IPv4 address they carry, so ::ffff:10.0.0.1 is as private as 10.0.0.1.
 */
function unwrapEmbeddedIPv4(ip: IP): IP {
  if (ip.kind() === "ipv4") return ip;
  const v6 = ip as ipaddr.IPv6;
  const p = v6.parts;
  const range = v6.range();
  const zeros = (from: number, to: number) => p.slice(from, to).every((part) => part === 0);
  const carries =
    range === "ipv4Mapped" ||
    range === "rfc6145" ||
    (p[0] === 0x64 && p[1] === 0xff9b && zeros(2, 6)) ||
    (range === "unicast" && zeros(0, 6));
  if (!carries) return v6;
  const [high = 0, low = 0] = p.slice(6);
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/**
 * Connection pools for outbound requests, one undici Agent per policy and route, kept for the life
 * of the process so keep-alive connections are reused across requests.
 */
import { Agent, buildConnector } from "undici";
import { connectedAddressRefusal, createGuardedLookup, RequestRefusedError } from "./ssrf-guard";
import type { GuardPolicy } from "./types";

/** Idle keep-alive connections are closed after this long (undici's default is 4 s). */
const KEEP_ALIVE_MS = 10_000;

// Keyed by value: callers build policies afresh (from config or in tests), and there are few of them.
const agents = new Map<string, Agent>();

/**
 * "guarded": every connection resolves its host through the SSRF guard, connects only to the
 * addresses it checked, and is checked once more on the address it reached before any request
 * uses it; requests on a kept-alive connection reuse that check. "self": Outflow's own Request
 * Inspector, which the guard lets through by URL, so its connections are not address-checked (in
 * production it may well be on loopback). Pools are separate so a connection opened for one is
 * never reused for the other.
 */
export function agentFor(policy: GuardPolicy, route: "self" | "guarded", connectTimeoutMs: number): Agent {
  const key = agentKey(policy, route, connectTimeoutMs);
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: KEEP_ALIVE_MS,
      connect:
        route === "guarded" ? guardedConnector(policy, connectTimeoutMs) : { timeout: connectTimeoutMs },
    });
    agents.set(key, agent);
  }
  return agent;
}

/** A pool's identity, by value: callers build policies afresh (from config or in tests). */
function agentKey(policy: GuardPolicy, route: "self" | "guarded", connectTimeoutMs: number): string {
  // NUL cannot occur in a host name, CIDR or origin, so the parts cannot run into each other.
  return [route, connectTimeoutMs, policy.isProduction, policy.selfOrigin, ...policy.allowedHosts].join(
    "\u0000",
  );
}

function guardedConnector(policy: GuardPolicy, timeout: number): buildConnector.connector {
  const connect = buildConnector({ timeout, lookup: createGuardedLookup(policy) });
  return (options, callback) => {
    connect(options, (...result) => {
      const [error, socket] = result;
      if (error || !socket) return callback(...result);
      const refusal = connectedAddressRefusal(options.hostname, socket.remoteAddress, policy);
      if (!refusal) return callback(null, socket);
      socket.destroy();
      callback(new RequestRefusedError(refusal), null);
    });
  };
}

/** Closes every pool (graceful shutdown, tests). */
export async function closeAgents(): Promise<void> {
  const closing = [...agents.values()].map((agent) => agent.close());
  agents.clear();
  await Promise.allSettled(closing);
}

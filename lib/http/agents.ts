/**
 * Connection pools for outbound requests, one undici Agent per policy and route, kept for the life
 * of the process so keep-alive connections are reused across requests.
 */
import { Agent } from "undici";
import { createGuardedLookup } from "./ssrf-guard";
import type { GuardPolicy } from "./types";

/** Idle keep-alive connections are closed after this long (undici's default is 4 s). */
const KEEP_ALIVE_MS = 10_000;

// Keyed by value: callers build policies afresh (from config or in tests), and there are few of them.
const agents = new Map<string, Agent>();

/**
 * "guarded": every connection resolves its host through the SSRF guard and connects only to the
 * addresses it checked. "self": Outflow's own Request Inspector, which the guard lets through by URL,
 * so its connections are not address-checked (in production it may well be on loopback).
 * Pools are separate so a connection opened for one is never reused for the other.
 */
export function agentFor(policy: GuardPolicy, route: "self" | "guarded", connectTimeoutMs: number): Agent {
  const key = JSON.stringify([
    route,
    connectTimeoutMs,
    policy.isProduction,
    policy.allowedHosts,
    policy.selfOrigin,
  ]);
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: KEEP_ALIVE_MS,
      connect:
        route === "guarded"
          ? { timeout: connectTimeoutMs, lookup: createGuardedLookup(policy) }
          : { timeout: connectTimeoutMs },
    });
    agents.set(key, agent);
  }
  return agent;
}

/** Closes every pool (graceful shutdown, tests). */
export async function closeAgents(): Promise<void> {
  const closing = [...agents.values()].map((agent) => agent.close());
  agents.clear();
  await Promise.allSettled(closing);
}

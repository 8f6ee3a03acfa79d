/** How much of a credential's rate limit its destinations use, from the hourly delivery counters. */

export type RateLimitInForce = {
  requests: number;
  windowSeconds: number;
  /** The credential's own limit, or the connector's default. */
  source: "credential" | "connector";
};

export type RateLimitUsage = {
  /** Requests sent in the last 60 minutes, estimated from the hourly counters. */
  requestsLastHour: number;
  /** The same, as an average per rate-limit window. */
  perWindow: number;
  /** perWindow as a share of the limit (0.25 = 25 %); null without a limit. */
  share: number | null;
};

const HOUR_MS = 60 * 60 * 1000;

type RateLimitColumns = { rateLimitRequests: number | null; rateLimitWindowSeconds: number | null };

/** The limit a credential sets itself, when it sets both numbers; null leaves the connector's. */
export function credentialRateLimit(
  credential: RateLimitColumns,
): { requests: number; windowSeconds: number } | null {
  return credential.rateLimitRequests && credential.rateLimitWindowSeconds
    ? { requests: credential.rateLimitRequests, windowSeconds: credential.rateLimitWindowSeconds }
    : null;
}

/** The credential's limit when it sets both numbers, else the connector's (as delivery applies it). */
export function rateLimitInForce(
  credential: RateLimitColumns,
  connectorLimit: { requests: number; windowSeconds: number } | null,
): RateLimitInForce | null {
  const own = credentialRateLimit(credential);
  if (own) return { ...own, source: "credential" };
  return connectorLimit ? { ...connectorLimit, source: "connector" } : null;
}

/**
 * Counters are per clock hour: the last 60 minutes are this hour so far plus the part of the
 * previous hour still inside them, assuming the previous hour's requests were spread evenly.
 */
export function requestsInLastHour(counts: { currentHour: number; previousHour: number }, now: Date): number {
  const intoHour = (now.getTime() % HOUR_MS) / HOUR_MS;
  return Math.round(counts.currentHour + counts.previousHour * (1 - intoHour));
}

export function rateLimitUsage(requestsLastHour: number, limit: RateLimitInForce | null): RateLimitUsage {
  const windowSeconds = limit?.windowSeconds ?? 3600;
  const perWindow = (requestsLastHour * windowSeconds) / 3600;
  return { requestsLastHour, perWindow, share: limit ? perWindow / limit.requests : null };
}

/** "3,000 requests per minute", "200 requests per 10 seconds". */
export function describeRateLimit(limit: { requests: number; windowSeconds: number }): string {
  const requests = `${limit.requests.toLocaleString("en-US")} ${limit.requests === 1 ? "request" : "requests"}`;
  return `${requests} per ${describeWindow(limit.windowSeconds)}`;
}

export function describeWindow(seconds: number): string {
  if (seconds === 1) return "second";
  if (seconds === 60) return "minute";
  if (seconds === 3600) return "hour";
  if (seconds === 86_400) return "day";
  if (seconds % 3600 === 0) return `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

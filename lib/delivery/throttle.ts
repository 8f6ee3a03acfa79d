/**
 * What slows a credential's requests right now, for the destination and credential pages: a
 * Retry-After hold (with the 429 that set it) or the rate limit, when the last window's requests
 * reached it. Read from the attempts newest first, a bounded number per destination.
 */
import { dbPool } from "@/lib/db/client";
import { type RateLimit, readHold } from "./rate-limit";

export type Throttle = {
  /** Every sender of the credential waits until then (the API asked so with Retry-After). */
  heldUntil: Date | null;
  /** The newest 429 the API answered on this credential, when a hold is on. */
  last429At: Date | null;
  /** The last window's requests reached the limit: requests are being spaced by it. */
  atLimit: boolean;
};

/** Attempts looked at per destination for the newest 429. */
const RECENT_ATTEMPTS = 1000;

export async function readThrottle(credentialId: string, limit: RateLimit | null): Promise<Throttle> {
  const heldUntil = await readHold(credentialId);
  const newest = Math.max(limit?.requests ?? 0, heldUntil ? RECENT_ATTEMPTS : 0);
  if (newest === 0) return { heldUntil, last429At: null, atLimit: false };
  const { rows } = await dbPool().query<{ last_429: Date | null; in_window: number }>(
    `SELECT max(recent.started_at) FILTER (WHERE recent.status = 429) AT TIME ZONE 'UTC' AS last_429,
            (count(*) FILTER (WHERE recent.started_at > (now() AT TIME ZONE 'UTC') - make_interval(secs => $3)))::int
              AS in_window
       FROM destinations d
       CROSS JOIN LATERAL (
         SELECT a.started_at, a.status FROM delivery_attempts a
          WHERE a.destination_id = d.id ORDER BY a.id DESC LIMIT $2) recent
      WHERE d.credential_id = $1`,
    [credentialId, newest, limit?.windowSeconds ?? 0],
  );
  const row = rows[0];
  return {
    heldUntil,
    last429At: heldUntil ? (row?.last_429 ?? null) : null,
    atLimit: limit !== null && (row?.in_window ?? 0) >= limit.requests,
  };
}

/** "190 per 10 s · held after a 429 at 15:44:12 UTC until 15:44:14 UTC", for a page. */
export function describeThrottle(
  limit: RateLimit | null,
  throttle: Throttle,
  clock: (at: Date) => string,
): string {
  const base = limit
    ? `${limit.requests.toLocaleString("en-US")} per ${limit.windowSeconds} s`
    : "No limit set";
  if (throttle.heldUntil) {
    const since = throttle.last429At ? ` after a 429 at ${clock(throttle.last429At)}` : " by a Retry-After";
    return `${base} · holding every request${since} until ${clock(throttle.heldUntil)}`;
  }
  return throttle.atLimit ? `${base} · sending at the limit` : base;
}

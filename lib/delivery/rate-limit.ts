/**
 * Per-credential rate limits, shared by every destination using the credential and by every worker
 * process: rate-limiter-flexible's Postgres store keeps the counters in `rate_limiter_points`.
 *
 * "N requests per W seconds" is enforced as one request per W/N seconds. A plain fixed window of N
 * per W lets N requests through at the end of one window and N more at the start of the next, so an
 * API counting over any W seconds would see 2N; evenly spaced requests never exceed N in any window
 * of W, and sustain the same rate. Above 100 requests a second the spacing would be under 10 ms,
 * finer than a database round trip, so small windows of several requests are used instead, sized so
 * that no span of W seconds can hold more than N.
 *
 * The API counts arrivals, not the moments the limiter allowed the requests: between the two lie a
 * database round trip, a busy event loop, a connection to open, each a few to tens of milliseconds,
 * and never the same twice. Requests allowed exactly W/N apart can therefore arrive N + 1 within W,
 * so the spacing is computed for W plus ARRIVAL_JITTER_MS: a rate lower by about ARRIVAL_JITTER_MS / W
 * (10% for a window of one second, 1% for ten) that the API sees within its limit.
 */
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { dbPool } from "@/lib/db/client";
import { announceHold, onHoldAnnounced } from "./change-feed";

export type RateLimit = { requests: number; windowSeconds: number };

/** How much later than the limiter allowed them requests may reach the API, and still count as sent apart. */
export const ARRIVAL_JITTER_MS = 100;

/** The limiter's own window: `points` requests per `durationMs`. */
export function limiterShape(limit: RateLimit): { points: number; durationMs: number } {
  const spanMs = limit.windowSeconds * 1000 + ARRIVAL_JITTER_MS;
  const intervalMs = Math.ceil(spanMs / limit.requests);
  if (intervalMs >= 10) return { points: 1, durationMs: storableMs(intervalMs) };
  // A span of W seconds (plus the jitter) overlaps at most ceil(span/100ms) + 1 windows of 100 ms.
  const windows = Math.ceil(spanMs / 100) + 1;
  return { points: Math.max(1, Math.floor(limit.requests / windows)), durationMs: 100 };
}

/**
 * The store works in seconds and keeps expiry as integer ms: the first duration from `ms` up that
 * survives the trip to seconds and back exactly (all below a second do; 1001 ms does not).
 */
function storableMs(ms: number): number {
  let duration = ms;
  while ((duration / 1000) * 1000 !== duration) duration++;
  return duration;
}

const limiters = new Map<string, RateLimiterPostgres>();

function limiterFor(limit: RateLimit): RateLimiterPostgres {
  const { points, durationMs } = limiterShape(limit);
  const id = `${points}/${durationMs}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: dbPool(),
      tableName: "rate_limiter_points",
      tableCreated: true,
      keyPrefix: "credential",
      points,
      // Whole milliseconds below a second divide exactly; the store keeps expiry as integer ms.
      duration: durationMs / 1000,
    });
    limiters.set(id, limiter);
  }
  return limiter;
}

/**
 * Waits until the credential may send one more request. Different limits on one key (a limit edited
 * while sending) share the counter row, which only makes the first window after the edit stricter.
 */
export async function takeRateLimit(
  key: string,
  limit: RateLimit | null,
  signal?: AbortSignal,
): Promise<void> {
  for (;;) {
    if (signal?.aborted) throw signal.reason ?? new Error("aborted");
    const limiter = limit ? limiterFor(limit) : blocker();
    try {
      await waitForLocalHold(key, signal);
      if (takeReserved(key)) return;
      const asking = asked.get(key);
      if (asking) {
        // Another lane is reserving for this process: share what it gets rather than take a
        // block of one's own, which lanes asking at once would leave unused at the window's end.
        await asking;
        continue;
      }
      const size = limit ? reservationSize(limiterShape(limit).points) : 0;
      const consumed = limiter.consume(key, size);
      // Refused, the others wait out the window as this lane does before asking again.
      const settled = consumed.then(
        () => undefined,
        (rejection: unknown) =>
          rejection instanceof RateLimiterRes ? sleep(Math.max(1, rejection.msBeforeNext)) : undefined,
      );
      asked.set(key, settled);
      void settled.finally(() => asked.delete(key));
      const allowed = await consumed;
      reserve(key, size - 1, allowed.msBeforeNext, limit === null);
      // A 429 answered to another lane while this one was asking holds it too.
      await waitForLocalHold(key, signal);
      return;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      await sleep(Math.max(1, rejection.msBeforeNext), signal);
    }
  }
}

/** Per key, a reservation this process is asking Postgres for; settles once it may be asked again. */
const asked = new Map<string, Promise<void>>();

/**
 * After a 429: nothing more goes out on this credential, from any worker, until `until`.
 * Blocks the counter row, which every shape of limiter reads.
 */
export async function holdRateLimit(key: string, until: Date): Promise<void> {
  const seconds = Math.ceil((until.getTime() - Date.now()) / 1000);
  if (seconds <= 0) return;
  // This process's other lanes stop at once; the other processes' as soon as the announcement
  // reaches them, which is sooner than their next look at the counter row.
  holdLocally(key, until.getTime());
  await announceHold(key, until);
  // A shorter Retry-After must not cut short a longer hold already in place.
  const current = await blocker().get(key);
  if (current && current.remainingPoints <= 0 && current.msBeforeNext >= seconds * 1000) return;
  await blocker().block(key, seconds);
}

/** Until when a Retry-After holds every sender of this credential, in every process; null when none does. */
export async function readHold(key: string): Promise<Date | null> {
  const held = await blocker().get(key);
  return held && held.remainingPoints <= 0 && held.msBeforeNext > 0
    ? new Date(Date.now() + held.msBeforeNext)
    : null;
}

/**
 * A database round trip per request would cap a fast API well below what it allows. Where a
 * window holds many requests, a process takes a tenth of it (at most 50) in one go and hands them
 * out locally until the window ends; the shared counter still never passes the limit. Without a
 * limit only a Retry-After hold is checked, and a clear answer is trusted for 100 ms.
 */
const reservations = new Map<string, { remaining: number; until: number }>();
const UNLIMITED_RECHECK_MS = 100;

export function reservationSize(pointsPerWindow: number): number {
  return pointsPerWindow >= 20 ? Math.min(50, Math.floor(pointsPerWindow / 10)) : 1;
}

function takeReserved(key: string): boolean {
  const reserved = reservations.get(key);
  if (!reserved || reserved.until <= Date.now()) return false;
  if (reserved.remaining !== Number.POSITIVE_INFINITY) {
    if (reserved.remaining <= 0) return false;
    reserved.remaining -= 1;
  }
  return true;
}

function reserve(key: string, extra: number, windowLeftMs: number, unlimited: boolean): void {
  if (unlimited)
    reservations.set(key, { remaining: Number.POSITIVE_INFINITY, until: Date.now() + UNLIMITED_RECHECK_MS });
  else if (extra > 0) reservations.set(key, { remaining: extra, until: Date.now() + windowLeftMs });
}

/** Holds this process knows of, by key: until when (ms since the epoch). */
const localHolds = new Map<string, number>();

function holdLocally(key: string, until: number): void {
  if (until <= Date.now()) return;
  localHolds.set(key, Math.max(localHolds.get(key) ?? 0, until));
  // Tokens reserved before the 429 must not be spent during the hold.
  reservations.delete(key);
}
onHoldAnnounced(holdLocally);

async function waitForLocalHold(key: string, signal?: AbortSignal): Promise<void> {
  const until = localHolds.get(key);
  if (until === undefined) return;
  if (until <= Date.now()) {
    localHolds.delete(key);
    return;
  }
  await sleep(until - Date.now(), signal);
}

// Credentials without a limit still honour a Retry-After hold: consuming 0 points reads the row.
let blockerLimiter: RateLimiterPostgres | undefined;
function blocker(): RateLimiterPostgres {
  blockerLimiter ??= new RateLimiterPostgres({
    storeClient: dbPool(),
    tableName: "rate_limiter_points",
    tableCreated: true,
    keyPrefix: "credential",
    points: 1_000_000_000,
    duration: 1,
  });
  return blockerLimiter;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error("aborted"));
    };
    // The listener goes with the timer: a wave's lanes wait here many times on one signal.
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

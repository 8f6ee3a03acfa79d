/**
 * What to do with one answer: delivered, try again later, give up (dead letter), or hold everything
 * because the credential was refused. Pure, so every branch is unit-tested.
 */

import { retryAfterDate } from "@/lib/http/retry-after";
import type { OutboundResult } from "@/lib/http/types";

export const DEFAULT_MAX_ATTEMPTS = 6;
/** Cap of the first retry's delay; it doubles per retry, so 6 attempts spread over up to 31 minutes. */
export const DEFAULT_RETRY_BASE_SECONDS = 60;
/** No retry waits longer than this, whatever the doubling says. */
export const MAX_RETRY_DELAY_SECONDS = 60 * 60;
/** Statuses worth sending again: timeouts, too early, rate limited; 5xx are added below. */
const RETRYABLE_STATUSES = new Set([408, 425, 429]);
/** Network failures worth sending again; a refused address or a malformed request never improves. */
const RETRYABLE_ERRORS = new Set(["dns", "connect", "tls", "timeout", "network"]);

export type RetrySettings = { maxAttempts: number; retryBaseSeconds: number };

export type Verdict =
  | { kind: "delivered" }
  | { kind: "retry"; at: Date; errorClass: string; retryAfter?: Date }
  | { kind: "failed"; errorClass: string }
  /** 401 (after the token refresh) or 403: nothing will get through until someone fixes access. */
  | { kind: "rejected"; errorClass: string };

export function errorClassOf(result: OutboundResult): string | null {
  if (!result.ok) return result.error.kind;
  if (result.status < 300) return null;
  if (result.status >= 500) return "http_5xx";
  return `http_${result.status}`;
}

/**
 * `attempt` is the number of the attempt just made (1 for the first). Exponential backoff with full
 * jitter (a random delay up to the cap) spreads retries of many batches instead of bunching them;
 * a Retry-After later than that delay wins.
 */
export function judge(
  result: OutboundResult,
  attempt: number,
  settings: RetrySettings,
  now: Date = new Date(),
  random: () => number = Math.random,
): Verdict {
  const errorClass = errorClassOf(result);
  if (errorClass === null) return { kind: "delivered" };
  if (result.ok && (result.status === 401 || result.status === 403)) return { kind: "rejected", errorClass };

  const retryable = result.ok
    ? RETRYABLE_STATUSES.has(result.status) || result.status >= 500
    : RETRYABLE_ERRORS.has(result.error.kind);
  if (!retryable || attempt >= settings.maxAttempts) return { kind: "failed", errorClass };

  const retryAfter = result.ok ? retryAfterDate(result.headers["retry-after"], now) : undefined;
  const delayMs = backoffMs(attempt, settings.retryBaseSeconds, random);
  const at = new Date(Math.max(now.getTime() + delayMs, retryAfter?.getTime() ?? 0));
  return { kind: "retry", at, errorClass, retryAfter };
}

/** Full jitter: uniform in [0, min(max, base · 2^(attempt-1))]. */
export function backoffMs(attempt: number, baseSeconds: number, random: () => number = Math.random): number {
  const capSeconds = Math.min(MAX_RETRY_DELAY_SECONDS, baseSeconds * 2 ** (attempt - 1));
  return Math.round(random() * capSeconds * 1000);
}

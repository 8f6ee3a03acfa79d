/**
 * When a `Retry-After` header (RFC 9110 §10.2.3: delay-seconds or an HTTP date) allows the next
 * attempt, or undefined when it is missing or unreadable.
 */
export function retryAfterDate(header: string | undefined, now: Date = new Date()): Date | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return new Date(now.getTime() + Number(value) * 1000);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "12:03:10 UTC", the form used in messages about rate limits. */
export function formatClockTime(date: Date): string {
  return `${date.toISOString().slice(11, 19)} UTC`;
}

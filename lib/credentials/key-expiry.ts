const DAY_MS = 24 * 60 * 60 * 1000;
export const EXPIRY_WARNING_DAYS = 30;

export type KeyExpiry =
  | { state: "ok"; expiresAt: Date; daysLeft: number }
  | { state: "expiring"; expiresAt: Date; daysLeft: number }
  | { state: "expired"; expiresAt: Date; daysLeft: number };

/** When a key created on `createdAt` that lives `lifetimeDays` expires, and how soon. */
export function keyExpiry(createdAt: Date, lifetimeDays: number, now: Date = new Date()): KeyExpiry {
  const expiresAt = new Date(createdAt.getTime() + lifetimeDays * DAY_MS);
  const daysLeft = Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS);
  if (daysLeft <= 0) return { state: "expired", expiresAt, daysLeft };
  if (daysLeft <= EXPIRY_WARNING_DAYS) return { state: "expiring", expiresAt, daysLeft };
  return { state: "ok", expiresAt, daysLeft };
}

export function describeKeyExpiry(expiry: KeyExpiry, vendor: string): string {
  if (expiry.state === "expired") return `Expired — regenerate the key in ${vendor}.`;
  return expiry.daysLeft === 1 ? "Expires in 1 day" : `Expires in ${expiry.daysLeft} days`;
}

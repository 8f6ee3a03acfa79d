import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { dbPool } from "@/lib/db/client";

/** Failed sign-ins allowed per email and client address before further attempts are refused. */
export const MAX_FAILED_SIGN_INS = 5;
const WINDOW_SECONDS = 15 * 60;

let limiter: RateLimiterPostgres | undefined;

function failures(): RateLimiterPostgres {
  limiter ??= new RateLimiterPostgres({
    storeClient: dbPool(),
    tableName: "rate_limiter_points",
    // The table comes from a Prisma migration, so every process shares one definition.
    tableCreated: true,
    keyPrefix: "sign-in-failures",
    points: MAX_FAILED_SIGN_INS,
    duration: WINDOW_SECONDS,
  });
  return limiter;
}

function keyFor(email: string, clientAddress: string): string {
  return `${email.trim().toLowerCase()}|${clientAddress}`;
}

/** Seconds until sign-in may be tried again, or 0 when it may be tried now. */
export async function secondsUntilSignInAllowed(email: string, clientAddress: string): Promise<number> {
  const state = await failures().get(keyFor(email, clientAddress));
  if (!state || state.remainingPoints > 0) return 0;
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}

export async function recordFailedSignIn(email: string, clientAddress: string): Promise<void> {
  try {
    await failures().consume(keyFor(email, clientAddress));
  } catch (error) {
    // consume rejects with the limiter's state once the points are used up: that is expected here.
    if (!(error instanceof RateLimiterRes)) throw error;
  }
}

export async function clearFailedSignIns(email: string, clientAddress: string): Promise<void> {
  await failures().delete(keyFor(email, clientAddress));
}

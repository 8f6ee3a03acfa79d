import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { dbPool } from "@/lib/db/client";

/**
 * Failed sign-ins slow down three ways, none of which a third party can use to lock someone out:
 * - one account from one address: MAX_FAILED_SIGN_INS failures, then that pair waits out the window;
 * - one address, any account: MAX_FAILED_SIGN_INS_PER_ADDRESS failures, then that address waits;
 * - one account from many addresses: after ACCOUNT_FAILURES_BEFORE_DELAY failures, each further
 *   failure makes the account wait a growing delay (capped at MAX_ACCOUNT_DELAY_SECONDS) before the
 *   next attempt. An address that has signed in to the account before is exempt from this delay,
 *   so guesses from elsewhere never keep the account's owner out from their usual address.
 * The client address is the socket's peer (lib/auth/client-address.ts), which a client cannot choose.
 */
export const MAX_FAILED_SIGN_INS = 5;
export const MAX_FAILED_SIGN_INS_PER_ADDRESS = 20;
export const ACCOUNT_FAILURES_BEFORE_DELAY = 10;
export const MAX_ACCOUNT_DELAY_SECONDS = 60;
const WINDOW_SECONDS = 15 * 60;
const KNOWN_ADDRESS_SECONDS = 90 * 24 * 60 * 60;

type Limiters = {
  pair: RateLimiterPostgres;
  address: RateLimiterPostgres;
  account: RateLimiterPostgres;
  accountDelay: RateLimiterPostgres;
  knownAddress: RateLimiterPostgres;
};

let limiters: Limiters | undefined;

function limiter(keyPrefix: string, points: number, duration: number): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: dbPool(),
    tableName: "rate_limiter_points",
    // The table comes from a Prisma migration, so every process shares one definition.
    tableCreated: true,
    keyPrefix,
    points,
    duration,
  });
}

function store(): Limiters {
  limiters ??= {
    pair: limiter("sign-in-failures", MAX_FAILED_SIGN_INS, WINDOW_SECONDS),
    address: limiter("sign-in-address-failures", MAX_FAILED_SIGN_INS_PER_ADDRESS, WINDOW_SECONDS),
    account: limiter("sign-in-account-failures", Number.MAX_SAFE_INTEGER, WINDOW_SECONDS),
    accountDelay: limiter("sign-in-account-delay", 1, 1),
    knownAddress: limiter("sign-in-known-address", 1, KNOWN_ADDRESS_SECONDS),
  };
  return limiters;
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

function pairKey(email: string, clientAddress: string): string {
  return `${accountKey(email)}|${clientAddress}`;
}

export type SignInWait = { seconds: number; reason: "account-and-address" | "address" | "account" };

/** How long sign-in must wait, and why, or null when it may be tried now. */
export async function signInWait(email: string, clientAddress: string): Promise<SignInWait | null> {
  const limits = store();
  const [pair, address, delay, known] = await Promise.all([
    limits.pair.get(pairKey(email, clientAddress)),
    limits.address.get(clientAddress),
    limits.accountDelay.get(accountKey(email)),
    limits.knownAddress.get(pairKey(email, clientAddress)),
  ]);
  if (pair && pair.remainingPoints <= 0) return { seconds: secondsOf(pair), reason: "account-and-address" };
  if (address && address.remainingPoints <= 0) return { seconds: secondsOf(address), reason: "address" };
  if (!known && delay && delay.remainingPoints <= 0) return { seconds: secondsOf(delay), reason: "account" };
  return null;
}

export async function recordFailedSignIn(email: string, clientAddress: string): Promise<void> {
  const limits = store();
  await Promise.all([
    consumeQuietly(limits.pair, pairKey(email, clientAddress)),
    consumeQuietly(limits.address, clientAddress),
  ]);
  const account = await consumeQuietly(limits.account, accountKey(email));
  const beyond = account.consumedPoints - ACCOUNT_FAILURES_BEFORE_DELAY;
  if (beyond > 0) {
    const seconds = Math.min(MAX_ACCOUNT_DELAY_SECONDS, 2 ** Math.min(beyond, 10));
    await limits.accountDelay.block(accountKey(email), seconds);
  }
}

/** After a successful sign-in: this pair's failures are forgotten and the address becomes known. */
export async function recordSuccessfulSignIn(email: string, clientAddress: string): Promise<void> {
  const limits = store();
  await Promise.all([
    limits.pair.delete(pairKey(email, clientAddress)),
    limits.knownAddress.set(pairKey(email, clientAddress), 1, KNOWN_ADDRESS_SECONDS),
  ]);
}

async function consumeQuietly(target: RateLimiterPostgres, key: string): Promise<RateLimiterRes> {
  try {
    return await target.consume(key);
  } catch (error) {
    // consume rejects with the limiter's state once the points are used up: that is expected here.
    if (error instanceof RateLimiterRes) return error;
    throw error;
  }
}

function secondsOf(state: RateLimiterRes): number {
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}

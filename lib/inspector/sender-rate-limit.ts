import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { dbPool } from "@/lib/db/client";
import { MAX_REQUESTS_PER_BIN_PER_MINUTE } from "./limits";

let limiter: RateLimiterPostgres | undefined;

function perBin(): RateLimiterPostgres {
  limiter ??= new RateLimiterPostgres({
    storeClient: dbPool(),
    tableName: "rate_limiter_points",
    // The table comes from a Prisma migration; the count is shared by every Outflow process.
    tableCreated: true,
    keyPrefix: "inspector-bin",
    points: MAX_REQUESTS_PER_BIN_PER_MINUTE,
    duration: 60,
  });
  return limiter;
}

/**
 * Counts one request to an inspector URL, which anyone may call: null when it may be recorded,
 * or the seconds to wait (for Retry-After) once the inspector's per-minute allowance is used up.
 */
export async function takeInspectorRequest(binId: string): Promise<number | null> {
  try {
    await perBin().consume(binId);
    return null;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
  }
}

/** What the destination page shows about delivery: state, queue, runs. */
import { UserError } from "@/lib/actions/user-error";
import { findConnector } from "@/lib/connectors/registry";
import { rateLimitInForce } from "@/lib/credentials/rate-limit-usage";
import { db } from "@/lib/db/client";
import { formatClockTime } from "@/lib/http/retry-after";
import type { DestinationState } from "./model/destination-state";
import { requireOwnDestination } from "./own-destination";
import { describeSchedule } from "./schedule";
import { pool } from "./store/db";
import { readQueueCounts } from "./store/destinations";
import { listRunPage, type RunSummary } from "./store/runs";
import { scheduleOf } from "./sweep";
import { describeThrottle, readThrottle } from "./throttle";

export const RUNS_PAGE_SIZE = 20;

export type DeliveryOverview = {
  status: DestinationState;
  failingReason: string | null;
  failingSince: Date | null;
  /** What stopped it (a DestinationFailure), and the credential to fix when that was the cause. */
  failingCause: string | null;
  credentialId: string | null;
  schedule: string;
  nextScheduledAt: Date | null;
  /** Records not yet delivered nor failed: not yet built into requests, or in a queued request. */
  recordsWaiting: number;
  /** Requests built and waiting to be sent (or sent again). */
  requestsQueued: number;
  nextRetryAt: Date | null;
  deadLetters: number;
  responseDataset: { id: string; name: string } | null;
  /** The credential's rate limit and what slows its requests now; null without a credential. */
  rateLimit: { credentialId: string; text: string; held: boolean } | null;
};

export async function readDeliveryOverview(
  workspaceId: string,
  destinationId: string,
): Promise<DeliveryOverview> {
  const destination = await db().destination.findFirst({
    where: { id: destinationId, workspaceId },
    include: {
      responseDataset: { select: { id: true, name: true } },
      credential: { select: { id: true, rateLimitRequests: true, rateLimitWindowSeconds: true } },
    },
  });
  if (!destination) throw new UserError("This destination no longer exists.");
  const counts = await readQueueCounts(pool(), destination);
  const { credential } = destination;
  const limit = credential
    ? rateLimitInForce(credential, findConnector(destination.connectorId)?.rateLimit ?? null)
    : null;
  const throttle = credential ? await readThrottle(credential.id, limit) : null;
  return {
    status: destination.status,
    failingReason: destination.failingReason,
    failingSince: destination.failingSince,
    failingCause: destination.failingCause,
    credentialId: destination.credentialId,
    schedule: describeSchedule(scheduleOf(destination)),
    nextScheduledAt: destination.schedule === "continuous" ? null : destination.nextScheduledAt,
    recordsWaiting: counts.recordsWaiting,
    requestsQueued: counts.requestsQueued,
    nextRetryAt: counts.nextRetryAt,
    deadLetters: counts.deadLetters,
    responseDataset: destination.responseDataset,
    rateLimit:
      credential && throttle
        ? {
            credentialId: credential.id,
            text: describeThrottle(limit, throttle, formatClockTime),
            held: throttle.heldUntil !== null,
          }
        : null,
  };
}

export async function listRuns(workspaceId: string, destinationId: string, page = 1) {
  await requireOwnDestination(workspaceId, destinationId);
  const { total, runs } = await listRunPage(pool(), destinationId, {
    offset: (page - 1) * RUNS_PAGE_SIZE,
    limit: RUNS_PAGE_SIZE,
  });
  return { total, page, pageCount: Math.max(1, Math.ceil(total / RUNS_PAGE_SIZE)), runs };
}

export type { RunSummary };

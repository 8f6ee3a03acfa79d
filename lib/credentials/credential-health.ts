/**
 * A credential's health for its page: when it last worked, its last error, its key's expiry, the
 * rate limit in force and how much of it is used, and the destinations that send with it. Attempts
 * are read newest first per destination, on the (destination_id, id desc) index, one row each.
 * Timestamp columns hold UTC without a zone: raw reads say so, or pg would read them as local time.
 */
import { findConnector } from "@/lib/connectors/registry";
import { db, dbPool } from "@/lib/db/client";
import type { DestinationStatus } from "@/lib/db/generated/client";
import { ACCEPTED_OUTCOMES } from "@/lib/delivery/model/attempt-outcome";
import { describeThrottle, readThrottle } from "@/lib/delivery/throttle";
import { formatClockTime } from "@/lib/http/retry-after";
import { type KeyExpiry, keyExpiry } from "./key-expiry";
import {
  type RateLimitInForce,
  type RateLimitUsage,
  rateLimitInForce,
  rateLimitUsage,
  requestsInLastHour,
} from "./rate-limit-usage";

export type DependentDestination = {
  id: string;
  name: string;
  status: DestinationStatus;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
};

export type CredentialHealthReport = {
  lastSuccess: { at: Date; destinationId: string; destinationName: string } | null;
  lastError: { at: Date; message: string; destinationId: string; destinationName: string } | null;
  expiry: KeyExpiry | null;
  /** Set for connectors whose keys expire (Hotjar: 365); expiry needs the key's creation date too. */
  keyLifetimeDays: number | null;
  rateLimit: RateLimitInForce | null;
  usage: RateLimitUsage;
  /** What slows the credential's requests now: a Retry-After hold or the limit, in words; null when nothing does. */
  throttle: string | null;
  destinations: DependentDestination[];
};

type DestinationRow = {
  id: string;
  name: string;
  status: DestinationStatus;
  last_success_at: Date | null;
  last_error_at: Date | null;
  last_error: string | null;
};

export async function getCredentialHealth(
  workspaceId: string,
  credentialId: string,
  now: Date = new Date(),
): Promise<CredentialHealthReport | null> {
  const credential = await db().credential.findFirst({
    where: { id: credentialId, workspaceId },
    select: { connectorId: true, keyCreatedAt: true, rateLimitRequests: true, rateLimitWindowSeconds: true },
  });
  if (!credential) return null;
  const connector = findConnector(credential.connectorId);

  const { rows } = await dbPool().query<DestinationRow>(
    `SELECT d.id, d.name, d.status, ok.started_at AS last_success_at,
            bad.started_at AS last_error_at, bad.error_message AS last_error
       FROM destinations d
       LEFT JOIN LATERAL (
         SELECT a.started_at AT TIME ZONE 'UTC' AS started_at FROM delivery_attempts a
          WHERE a.destination_id = d.id AND a.outcome = ANY($3::text[])
          ORDER BY a.id DESC LIMIT 1) ok ON true
       LEFT JOIN LATERAL (
         SELECT a.started_at AT TIME ZONE 'UTC' AS started_at, a.error_message FROM delivery_attempts a
          WHERE a.destination_id = d.id AND a.outcome <> ALL($3::text[])
          ORDER BY a.id DESC LIMIT 1) bad ON true
      WHERE d.workspace_id = $1 AND d.credential_id = $2
      ORDER BY d.name`,
    [workspaceId, credentialId, ACCEPTED_OUTCOMES],
  );

  const counts = await hourlyRequests(
    rows.map((row) => row.id),
    now,
  );
  const rateLimit = rateLimitInForce(credential, connector?.rateLimit ?? null);
  const throttle = await readThrottle(credentialId, rateLimit);
  const newest = <K extends "last_success_at" | "last_error_at">(key: K) =>
    rows.reduce<DestinationRow | null>(
      (best, row) => (row[key] && (!best?.[key] || (row[key] as Date) > (best[key] as Date)) ? row : best),
      null,
    );
  const success = newest("last_success_at");
  const failure = newest("last_error_at");

  return {
    lastSuccess: success?.last_success_at
      ? { at: success.last_success_at, destinationId: success.id, destinationName: success.name }
      : null,
    lastError: failure?.last_error_at
      ? {
          at: failure.last_error_at,
          message: failure.last_error ?? "The request failed.",
          destinationId: failure.id,
          destinationName: failure.name,
        }
      : null,
    expiry:
      connector?.keyLifetimeDays && credential.keyCreatedAt
        ? keyExpiry(credential.keyCreatedAt, connector.keyLifetimeDays, now)
        : null,
    keyLifetimeDays: connector?.keyLifetimeDays ?? null,
    rateLimit,
    usage: rateLimitUsage(requestsInLastHour(counts, now), rateLimit),
    throttle:
      throttle.heldUntil || throttle.atLimit ? describeThrottle(rateLimit, throttle, formatClockTime) : null,
    destinations: rows.map((row) => ({
      id: row.id,
      name: row.name,
      status: row.status,
      lastSuccessAt: row.last_success_at,
      lastErrorAt: row.last_error_at,
    })),
  };
}

/** Requests of these destinations this clock hour and the one before, from the hourly counters. */
async function hourlyRequests(
  destinationIds: string[],
  now: Date,
): Promise<{ currentHour: number; previousHour: number }> {
  if (destinationIds.length === 0) return { currentHour: 0, previousHour: 0 };
  const { rows } = await dbPool().query<{ current_hour: string; previous_hour: string }>(
    `WITH bounds AS (SELECT date_trunc('hour', $2::timestamptz AT TIME ZONE 'UTC') AS hour)
     SELECT coalesce(sum(s.requests) FILTER (WHERE s.hour = b.hour), 0)::text AS current_hour,
            coalesce(sum(s.requests) FILTER (WHERE s.hour = b.hour - interval '1 hour'), 0)::text AS previous_hour
       FROM delivery_hourly_stats s, bounds b
      WHERE s.destination_id = ANY($1::uuid[])
        AND s.hour >= b.hour - interval '1 hour' AND s.hour <= b.hour`,
    [destinationIds, now.toISOString()],
  );
  return {
    currentHour: Number(rows[0]?.current_hour ?? 0),
    previousHour: Number(rows[0]?.previous_hour ?? 0),
  };
}

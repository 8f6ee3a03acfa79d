/**
 * What the dashboard shows: every destination with its status, the last 24 hours' delivered and
 * failed records, its last run and an hourly sparkline; and what needs attention (failing
 * destinations, active ones whose every recent request failed, expiring or expired API keys).
 *
 * Three queries whatever the number of destinations or attempts: destinations with their last run
 * (one index probe each on runs (destination_id, started_at desc)), the hourly counters of the
 * window (primary key ranges of delivery_hourly_stats; never the attempt log, which can hold
 * millions of rows), and the workspace's credentials with expiring keys.
 */
import { CONNECTORS, findConnector } from "@/lib/connectors/registry";
import { db, dbPool } from "@/lib/db/client";
import type { DestinationStatus, RunStatus, RunTrigger } from "@/lib/db/generated/client";
import { sends } from "@/lib/delivery/model/destination-state";
import { OPEN_RUN_STATES } from "@/lib/delivery/model/run-state";
import type { WorkersSeen } from "@/lib/delivery/store/worker-heartbeats";
import { readWorkers } from "@/lib/delivery/worker-heartbeat";
import { destinationHref } from "@/lib/destinations/destination-href";
import { compareByAttention } from "./attention-order";
import { type CredentialCallout, credentialCallout } from "./credential-callouts";
import { hourlySeries, windowEnd, windowStart } from "./hourly-window";

export type DashboardRun = {
  trigger: RunTrigger;
  status: RunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  recordsDelivered: number;
  recordsFailed: number;
  /** Why it ended early, when its destination stopped sending (see runs.stopped_by). */
  stoppedBy: string | null;
};

export type DashboardDestination = {
  id: string;
  name: string;
  /** False while the wizard has not saved it yet (no version). */
  saved: boolean;
  /** The destination page, or the wizard for a destination never saved. */
  href: string;
  dataset: { id: string; name: string };
  connector: { id: string; name: string; logo: string | null };
  status: DestinationStatus;
  failingReason: string | null;
  failingSince: Date | null;
  delivered24h: number;
  failed24h: number;
  /** Records in Failed Records now: failed and not retried or discarded since. */
  failedNow: number;
  lastRun: DashboardRun | null;
  /** Records delivered in each hour of the window, oldest first: always 24 values. */
  deliveredPerHour: number[];
};

export type FailingCallout = {
  destinationId: string;
  name: string;
  reason: string;
  since: Date | null;
  href: string;
};

/** An active destination still retrying, although none of its recent requests got through. */
export type RetryingCallout = {
  destinationId: string;
  name: string;
  requestsFailed: number;
  /** The start of the recent window (the previous hour's start). */
  since: Date;
  lastError: string | null;
  href: string;
};

export type Dashboard = {
  /** The first hour of the 24-hour window (UTC); the window ends with the current hour. */
  windowStart: Date;
  destinations: DashboardDestination[];
  totals: { delivered24h: number; failed24h: number; failedNow: number };
  callouts: { failing: FailingCallout[]; retrying: RetryingCallout[]; credentials: CredentialCallout[] };
  /** Some destination's last run is still going: worth refreshing soon. */
  running: boolean;
  /** Delivery workers alive now: none means nothing is delivered, whatever the destinations say. */
  workers: WorkersSeen;
};

type DestinationRow = {
  id: string;
  name: string;
  status: DestinationStatus;
  failing_reason: string | null;
  failing_since: Date | null;
  connector_id: string;
  current_version: number;
  dataset_id: string;
  dataset_name: string;
  run_trigger: RunTrigger | null;
  run_status: RunStatus | null;
  run_started_at: Date | null;
  run_finished_at: Date | null;
  run_delivered: number | null;
  run_failed: number | null;
  run_last_error: string | null;
  run_stopped_by: string | null;
  failed_now: number;
};

type StatsRow = {
  destination_id: string;
  delivered: string;
  failed: string;
  slots: number[];
  per_hour: number[];
  recent_requests: string;
  recent_requests_failed: string;
  recent_delivered: string;
};

// Timestamp columns hold UTC without a zone: `AT TIME ZONE 'UTC'` reads them as instants, and
// window bounds are passed as UTC ISO strings cast to timestamp.
const DESTINATIONS_SQL = `
  SELECT d.id, d.name, d.status, d.failing_reason, d.failing_since AT TIME ZONE 'UTC' AS failing_since,
         d.connector_id, d.current_version, ds.id AS dataset_id, ds.name AS dataset_name,
         r.trigger AS run_trigger, r.status AS run_status,
         r.started_at AT TIME ZONE 'UTC' AS run_started_at,
         r.finished_at AT TIME ZONE 'UTC' AS run_finished_at,
         r.records_delivered AS run_delivered, r.records_failed AS run_failed, r.last_error AS run_last_error,
         r.stopped_by AS run_stopped_by,
         (SELECT count(*)::int FROM dead_letters dl WHERE dl.destination_id = d.id) AS failed_now
    FROM destinations d
    JOIN datasets ds ON ds.id = d.dataset_id
    LEFT JOIN LATERAL (
      SELECT trigger, status, started_at, finished_at, records_delivered, records_failed, last_error, stopped_by
        FROM runs
       WHERE runs.destination_id = d.id
       ORDER BY started_at DESC
       LIMIT 1
    ) r ON true
   WHERE d.workspace_id = $1`;

const STATS_SQL = `
  SELECT s.destination_id,
         sum(s.records_delivered) AS delivered,
         sum(s.records_failed) AS failed,
         array_agg(floor(extract(epoch FROM s.hour - $2::timestamp) / 3600)::int) AS slots,
         array_agg(s.records_delivered) AS per_hour,
         coalesce(sum(s.requests) FILTER (WHERE s.hour >= $4::timestamp), 0) AS recent_requests,
         coalesce(sum(s.requests_failed) FILTER (WHERE s.hour >= $4::timestamp), 0) AS recent_requests_failed,
         coalesce(sum(s.records_delivered) FILTER (WHERE s.hour >= $4::timestamp), 0) AS recent_delivered
    FROM destinations d
    JOIN delivery_hourly_stats s
      ON s.destination_id = d.id AND s.hour >= $2::timestamp AND s.hour < $3::timestamp
   WHERE d.workspace_id = $1
   GROUP BY s.destination_id`;

const HOUR_MS = 60 * 60 * 1000;

const EXPIRING_CONNECTORS = CONNECTORS.filter((connector) => connector.keyLifetimeDays).map(
  (connector) => connector.id,
);

export async function readDashboard(workspaceId: string, now: Date = new Date()): Promise<Dashboard> {
  const start = windowStart(now);
  // "Recently": this hour and the one before, so a new hour does not wipe the picture.
  const recent = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - HOUR_MS);
  const [destinations, stats, credentials, workers] = await Promise.all([
    dbPool().query<DestinationRow>(DESTINATIONS_SQL, [workspaceId]),
    dbPool().query<StatsRow>(STATS_SQL, [
      workspaceId,
      start.toISOString(),
      windowEnd(now).toISOString(),
      recent.toISOString(),
    ]),
    db().credential.findMany({
      where: { workspaceId, connectorId: { in: EXPIRING_CONNECTORS }, keyCreatedAt: { not: null } },
      select: {
        id: true,
        name: true,
        connectorId: true,
        keyCreatedAt: true,
        _count: { select: { destinations: true } },
      },
      orderBy: { name: "asc" },
    }),
    readWorkers(),
  ]);

  const statsOf = new Map(stats.rows.map((row) => [row.destination_id, row]));
  const rows = destinations.rows.map((row) => toDestination(row, statsOf.get(row.id)));
  rows.sort(compareByAttention);

  const credentialCallouts = credentials
    .map((row) =>
      credentialCallout(
        { id: row.id, name: row.name, keyCreatedAt: row.keyCreatedAt, usedBy: row._count.destinations },
        findConnector(row.connectorId),
        now,
      ),
    )
    .filter((callout) => callout !== null)
    // Expired keys first, then the soonest to expire.
    .sort((a, b) => a.daysLeft - b.daysLeft);

  return {
    windowStart: start,
    destinations: rows,
    totals: {
      delivered24h: rows.reduce((sum, row) => sum + row.delivered24h, 0),
      failed24h: rows.reduce((sum, row) => sum + row.failed24h, 0),
      failedNow: rows.reduce((sum, row) => sum + row.failedNow, 0),
    },
    callouts: {
      failing: rows
        .filter((row) => row.status === "failing")
        .map((row) => ({
          destinationId: row.id,
          name: row.name,
          reason: row.failingReason ?? "Its runs keep failing.",
          since: row.failingSince,
          href: row.href,
        })),
      retrying: destinations.rows.flatMap((row) => {
        const counts = statsOf.get(row.id);
        const requests = Number(counts?.recent_requests ?? 0);
        const allFailed =
          requests > 0 &&
          Number(counts?.recent_requests_failed) === requests &&
          Number(counts?.recent_delivered) === 0;
        if (!sends(row.status) || !allFailed) return [];
        return [
          {
            destinationId: row.id,
            name: row.name,
            requestsFailed: requests,
            since: recent,
            lastError: row.run_last_error,
            href: `/destinations/${row.id}`,
          },
        ];
      }),
      credentials: credentialCallouts,
    },
    running: rows.some((row) => row.lastRun !== null && OPEN_RUN_STATES.includes(row.lastRun.status)),
    workers,
  };
}

function toDestination(row: DestinationRow, stats: StatsRow | undefined): DashboardDestination {
  const connector = findConnector(row.connector_id);
  return {
    id: row.id,
    name: row.name,
    saved: row.current_version > 0,
    href: destinationHref(row.id, row.current_version),
    dataset: { id: row.dataset_id, name: row.dataset_name },
    connector: {
      id: row.connector_id,
      name: connector?.name ?? row.connector_id,
      logo: connector?.logo ?? null,
    },
    status: row.status,
    failingReason: row.failing_reason,
    failingSince: row.failing_since,
    delivered24h: Number(stats?.delivered ?? 0),
    failed24h: Number(stats?.failed ?? 0),
    failedNow: row.failed_now,
    lastRun:
      row.run_trigger && row.run_status && row.run_started_at
        ? {
            trigger: row.run_trigger,
            status: row.run_status,
            startedAt: row.run_started_at,
            finishedAt: row.run_finished_at,
            recordsDelivered: row.run_delivered ?? 0,
            recordsFailed: row.run_failed ?? 0,
            stoppedBy: row.run_stopped_by,
          }
        : null,
    deliveredPerHour: hourlySeries(
      (stats?.slots ?? []).map((slot, index) => ({ slot, value: stats?.per_hour[index] ?? 0 })),
    ),
  };
}

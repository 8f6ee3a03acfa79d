/**
 * Monitoring read times on a large workspace: 20 destinations, 1,000,000 delivery attempts over
 * 30 days, the hourly counters and runs that those attempts add up to. `seedMonitoringData` is
 * shared with other monitoring timings (the destination page). Import only once the bench's
 * database is configured (DATABASE_URL set).
 */
import { randomUUID } from "node:crypto";
import { db, dbPool } from "@/lib/db/client";
import type { DestinationStatus } from "@/lib/db/generated/client";
import { inTransaction } from "@/lib/db/transaction";
import { LATENCY_BUCKETS_MS } from "@/lib/delivery/latency-buckets";
import { readDashboard } from "@/lib/monitoring/dashboard";
import { windowStart } from "@/lib/monitoring/hourly-window";

export const MONITORING_WARMUP_RUNS = 3;
export const MONITORING_TIMED_RUNS = 20;

export type SeedOptions = {
  destinations?: number;
  attempts?: number;
  days?: number;
  runsPerDestination?: number;
  now?: Date;
};

export type MonitoringSeed = {
  workspaceId: string;
  datasetIds: string[];
  credentialIds: string[];
  /** In name order: "Destination 01" first. */
  destinationIds: string[];
  /** Destinations that delivered (neither draft): attempts, runs and counters are theirs. */
  deliveringIds: string[];
  failingIds: string[];
  attempts: number;
  runs: number;
  hourlyRows: number;
  seconds: number;
};

const CONNECTORS = ["hotjar", "hightouch", "hubspot", "fullstory", "http"] as const;
const DATASETS = 4;
/** A failing destination's attempts in its last hours all failed. */
const FAILING_HOURS = 6;

/** The status of the n-th destination (0-based) of `count`: 2 failing, 2 paused, 2 drafts, the rest active. */
function statusOf(index: number, count: number): DestinationStatus {
  if (index < 2) return "failing";
  if (index < 4) return "paused";
  if (index >= count - 2) return "draft";
  return "active";
}

/**
 * A workspace whose destinations sent `attempts` requests (one record each) spread evenly over
 * `days` up to `now`, about 2% refused (all of them in a failing destination's last hours); runs
 * and hourly counters are computed from those attempts, so every figure agrees. INSERT … SELECT
 * from generate_series: no row crosses the wire.
 */
export async function seedMonitoringData(options: SeedOptions = {}): Promise<MonitoringSeed> {
  const started = performance.now();
  const count = options.destinations ?? 20;
  const attempts = options.attempts ?? 1_000_000;
  const days = options.days ?? 30;
  const runsPerDestination = options.runsPerDestination ?? 150;
  const now = options.now ?? new Date();

  const workspace = await db().workspace.create({ data: { name: "Monitoring bench" } });
  const datasetIds: string[] = [];
  for (let n = 1; n <= DATASETS; n++) {
    const dataset = await db().dataset.create({ data: { workspaceId: workspace.id, name: `Events ${n}` } });
    datasetIds.push(dataset.id);
  }
  const credentialIds: string[] = [];
  for (const connectorId of CONNECTORS) {
    const credential = await db().credential.create({
      data: {
        workspaceId: workspace.id,
        connectorId,
        name: `${connectorId} credential`,
        // The Hotjar key expires within the month: one credential callout.
        keyCreatedAt: connectorId === "hotjar" ? new Date(now.getTime() - 350 * 86_400_000) : null,
      },
    });
    credentialIds.push(credential.id);
  }
  const destinations = Array.from({ length: count }, (_, index) => {
    const status = statusOf(index, count);
    return {
      id: randomUUID(),
      workspaceId: workspace.id,
      name: `Destination ${String(index + 1).padStart(2, "0")}`,
      datasetId: datasetIds[index % DATASETS] as string,
      connectorId: CONNECTORS[index % CONNECTORS.length] as string,
      credentialId: credentialIds[index % CONNECTORS.length] as string,
      status,
      currentVersion: 1,
      failingReason: status === "failing" ? "The last 3 runs delivered nothing. Last error: HTTP 401." : null,
      failingSince: status === "failing" ? new Date(now.getTime() - FAILING_HOURS * 3_600_000) : null,
    };
  });
  await db().destination.createMany({ data: destinations });
  const delivering = destinations.filter((d) => d.status !== "draft");
  const failingIds = destinations.filter((d) => d.status === "failing").map((d) => d.id);

  const { runs, hourly } = await inTransaction(async (client) => {
    await client.query("SET LOCAL synchronous_commit = off");
    // Destination k (1-based) of c sends per_k attempts, i = 0 … per_k - 1, the i-th at
    // now - span × (1 - i / per_k), in run floor(i × runs / per_k).
    await client.query(
      `INSERT INTO delivery_attempts
              (destination_id, run_id, batch_id, attempt, version, started_at, duration_ms, record_count,
               method, url, request_headers, request_body, status, response_headers, response_body,
               outcome, error_class, error_message)
       SELECT d.id,
              md5(d.id::text || ':' || (a.i * $4::int / a.per))::uuid,
              a.i + 1, 1, 1,
              $3::timestamp - make_interval(secs => $5::float8 * (1 - a.i::float8 / a.per)),
              5 + (a.i::bigint * 7919) % 900,
              1, 'POST', 'https://api.example.com/v1/events',
              '{"content-type":"application/json","authorization":"Bearer ••••abcd"}'::jsonb,
              '{"n":' || a.i || ',"email":"user' || a.i || '@example.com","plan":"pro"}',
              CASE WHEN a.failed THEN 422 ELSE 200 END,
              '{"content-type":"application/json"}'::jsonb,
              CASE WHEN a.failed THEN '{"message":"invalid"}' ELSE '{"ok":true}' END,
              CASE WHEN a.failed THEN 'failed' ELSE 'delivered' END,
              CASE WHEN a.failed THEN 'http_4xx' END,
              CASE WHEN a.failed THEN 'HTTP 422: invalid' END
         FROM unnest($1::uuid[], $2::boolean[]) WITH ORDINALITY AS d(id, failing, k)
        CROSS JOIN LATERAL (
          SELECT i, per,
                 (i % 50 = 0) OR (d.failing AND i >= per - per * $6::int / ($7::int * 24)) AS failed
            FROM (SELECT ($8::int / $9::int + CASE WHEN d.k <= $8::int % $9::int THEN 1 ELSE 0 END)::int AS per) p,
                 generate_series(0, p.per - 1) AS i
        ) a`,
      [
        delivering.map((d) => d.id),
        delivering.map((d) => d.status === "failing"),
        now.toISOString(),
        runsPerDestination,
        days * 86_400,
        FAILING_HOURS,
        days,
        attempts,
        delivering.length,
      ],
    );
    const runs = await client.query(
      `INSERT INTO runs
              (id, destination_id, trigger, version, status, started_at, finished_at, records_planned,
               records_attempted, records_delivered, records_failed, requests_attempted,
               requests_delivered, requests_failed, last_error)
       SELECT run_id, destination_id, 'ingest'::"RunTrigger", 1,
              (CASE WHEN failed = 0 THEN 'succeeded' WHEN delivered = 0 THEN 'failed' ELSE 'partially_failed' END)::"RunStatus",
              first_at, last_at + interval '1 second', total, total, delivered, failed, total, delivered, failed,
              CASE WHEN failed > 0 THEN 'HTTP 422: invalid' END
         FROM (SELECT run_id, destination_id, min(started_at) AS first_at, max(started_at) AS last_at,
                      count(*)::int AS total,
                      count(*) FILTER (WHERE outcome = 'delivered')::int AS delivered,
                      count(*) FILTER (WHERE outcome = 'failed')::int AS failed
                 FROM delivery_attempts
                WHERE destination_id = ANY($1::uuid[])
                GROUP BY run_id, destination_id) r`,
      [delivering.map((d) => d.id)],
    );
    const histogram = LATENCY_BUCKETS_MS.map((bound, index) => {
      const lower = index === 0 ? null : LATENCY_BUCKETS_MS[index - 1];
      const conditions = [
        lower === null || lower === undefined ? null : `duration_ms > ${lower}`,
        Number.isFinite(bound) ? `duration_ms <= ${bound}` : null,
      ].filter(Boolean);
      return `count(*) FILTER (WHERE ${conditions.join(" AND ") || "true"})::int`;
    });
    const hourly = await client.query(
      `INSERT INTO delivery_hourly_stats
              (destination_id, hour, records_delivered, records_failed, requests, requests_failed, latency_histogram)
       SELECT destination_id, date_trunc('hour', started_at),
              coalesce(sum(record_count) FILTER (WHERE outcome = 'delivered'), 0),
              coalesce(sum(record_count) FILTER (WHERE outcome = 'failed'), 0),
              count(*), count(*) FILTER (WHERE outcome <> 'delivered'),
              ARRAY[${histogram.join(", ")}]
         FROM delivery_attempts
        WHERE destination_id = ANY($1::uuid[])
        GROUP BY destination_id, date_trunc('hour', started_at)`,
      [delivering.map((d) => d.id)],
    );
    return { runs, hourly };
  });
  await dbPool().query("ANALYZE delivery_attempts, runs, delivery_hourly_stats, destinations, credentials");
  return {
    workspaceId: workspace.id,
    datasetIds,
    credentialIds,
    destinationIds: destinations.map((d) => d.id),
    deliveringIds: delivering.map((d) => d.id),
    failingIds,
    attempts,
    runs: runs.rowCount ?? 0,
    hourlyRows: hourly.rowCount ?? 0,
    seconds: (performance.now() - started) / 1000,
  };
}

export type MonitoringBench = {
  seed: MonitoringSeed;
  cases: { label: string; latencies: number[] }[];
  /** The dashboard's figures agree with the attempt log (counted the slow way, once). */
  checks: { label: string; ok: boolean }[];
};

export async function benchMonitoring(): Promise<MonitoringBench> {
  const seed = await seedMonitoringData();
  const time = async (run: () => Promise<unknown>) => {
    for (let n = 0; n < MONITORING_WARMUP_RUNS; n++) await run();
    const latencies: number[] = [];
    for (let n = 0; n < MONITORING_TIMED_RUNS; n++) {
      const started = performance.now();
      await run();
      latencies.push(performance.now() - started);
    }
    return latencies;
  };
  const now = new Date();
  const cases = [
    { label: "readDashboard", latencies: await time(() => readDashboard(seed.workspaceId, now)) },
  ];

  const dashboard = await readDashboard(seed.workspaceId, now);
  const { rows } = await dbPool().query<{ delivered: string; failed: string }>(
    `SELECT coalesce(sum(record_count) FILTER (WHERE outcome = 'delivered'), 0) AS delivered,
            coalesce(sum(record_count) FILTER (WHERE outcome = 'failed'), 0) AS failed
       FROM delivery_attempts
      WHERE destination_id = ANY($1::uuid[]) AND started_at >= $2::timestamp`,
    [seed.destinationIds, windowStart(now).toISOString()],
  );
  const perHourTotal = dashboard.destinations.reduce(
    (sum, d) => sum + d.deliveredPerHour.reduce((a, b) => a + b, 0),
    0,
  );
  const checks = [
    {
      label: `${seed.destinationIds.length} destinations listed`,
      ok: dashboard.destinations.length === seed.destinationIds.length,
    },
    {
      label: "failing first",
      ok: dashboard.destinations.slice(0, seed.failingIds.length).every((d) => d.status === "failing"),
    },
    {
      label: "24 h counts match the attempt log",
      ok:
        dashboard.totals.delivered24h === Number(rows[0]?.delivered) &&
        dashboard.totals.failed24h === Number(rows[0]?.failed),
    },
    { label: "sparklines add up", ok: perHourTotal === dashboard.totals.delivered24h },
    { label: "expiring key called out", ok: dashboard.callouts.credentials.length === 1 },
  ];
  return { seed, cases, checks };
}

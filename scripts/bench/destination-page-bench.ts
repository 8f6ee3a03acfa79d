/**
 * The destination page's server-side reads on one destination with 1,000,000 delivery attempts:
 * the Overview's figures, the Runs tab, the Request Log's first pages with and without filters,
 * and a run page. Printed, not asserted; the goal is well under 200 ms each. Import only once the
 * bench's database is configured.
 *
 * The seeding is its own: monitoring-bench.ts spreads its attempts over 20 destinations, and the
 * worst case for one destination's page is all of them on that destination.
 */
import { db, dbPool } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { LATENCY_BUCKETS_MS } from "@/lib/delivery/latency-buckets";
import { listDestinationRuns } from "@/lib/monitoring/destination-runs";
import { readDestinationStats } from "@/lib/monitoring/destination-stats";
import { listRequests } from "@/lib/monitoring/request-log";
import { groupRunErrors } from "@/lib/monitoring/run-errors";
import { MONITORING_TIMED_RUNS, MONITORING_WARMUP_RUNS } from "./monitoring-bench";

const ATTEMPTS = 1_000_000;
const RUNS = 150;
const DAYS = 30;

type Seed = { workspaceId: string; destinationId: string; runs: number; seconds: number };

/**
 * One active destination whose `attempts` requests are spread evenly over 30 days up to now, in
 * 150 runs: 2% refused with 422, 1% answered 503 then retried, 0.1% without an answer (timeout).
 * Runs and hourly counters are computed from those attempts, so every figure agrees.
 */
async function seedDestination(attempts: number): Promise<Seed> {
  const started = performance.now();
  const workspace = await db().workspace.create({ data: { name: "Destination page bench" } });
  const dataset = await db().dataset.create({ data: { workspaceId: workspace.id, name: "Events" } });
  const credential = await db().credential.create({
    data: { workspaceId: workspace.id, connectorId: "http", name: "API" },
  });
  const destination = await db().destination.create({
    data: {
      workspaceId: workspace.id,
      name: "Busy destination",
      datasetId: dataset.id,
      connectorId: "http",
      credentialId: credential.id,
      status: "active",
      currentVersion: 1,
    },
  });
  const { runs } = await inTransaction(async (client) => {
    await client.query("SET LOCAL synchronous_commit = off");
    await client.query(
      `INSERT INTO delivery_attempts
              (destination_id, run_id, batch_id, attempt, version, started_at, duration_ms, record_count,
               method, url, request_headers, request_body, status, response_headers, response_body,
               outcome, error_class, error_message)
       SELECT $1::uuid, md5($1::text || ':' || (i::bigint * $3 / $2))::uuid, i + 1, 1, 1,
              now() AT TIME ZONE 'UTC' - make_interval(secs => $4::float8 * (1 - i::float8 / $2)),
              5 + (i::bigint * 7919) % 900, 1, 'POST', 'https://api.example.com/v1/events',
              '{"content-type":"application/json","authorization":"Bearer ••••abcd"}'::jsonb,
              '{"n":' || i || ',"email":"user' || i || '@example.com"}',
              CASE kind WHEN 'refused' THEN 422 WHEN 'busy' THEN 503 WHEN 'timeout' THEN NULL ELSE 200 END,
              CASE WHEN kind <> 'timeout' THEN '{"content-type":"application/json"}'::jsonb END,
              CASE kind WHEN 'refused' THEN '{"message":"invalid"}' WHEN 'busy' THEN 'busy'
                        WHEN 'timeout' THEN NULL ELSE '{"ok":true}' END,
              CASE kind WHEN 'refused' THEN 'failed' WHEN 'ok' THEN 'delivered' ELSE 'retry' END,
              CASE kind WHEN 'refused' THEN 'http_422' WHEN 'busy' THEN 'http_5xx' WHEN 'timeout' THEN 'timeout' END,
              CASE kind WHEN 'refused' THEN 'HTTP 422: invalid' WHEN 'busy' THEN 'HTTP 503: busy'
                        WHEN 'timeout' THEN 'No answer within 30 s' END
         FROM (SELECT i, CASE WHEN i % 50 = 0 THEN 'refused' WHEN i % 100 = 1 THEN 'busy'
                              WHEN i % 1000 = 7 THEN 'timeout' ELSE 'ok' END AS kind
                 FROM generate_series(0, $2::int - 1) AS i) a`,
      [destination.id, attempts, RUNS, DAYS * 86_400],
    );
    const runs = await client.query(
      `INSERT INTO runs (id, destination_id, trigger, version, status, started_at, finished_at,
              records_planned, records_attempted, records_delivered, records_failed, requests_attempted,
              requests_delivered, requests_failed, last_error)
       SELECT run_id, $1::uuid, 'ingest'::"RunTrigger", 1,
              (CASE WHEN failed = 0 THEN 'succeeded' ELSE 'partially_failed' END)::"RunStatus",
              first_at, last_at + interval '1 second', total, total, delivered, failed, total, delivered,
              total - delivered, CASE WHEN failed > 0 THEN 'HTTP 422: invalid' END
         FROM (SELECT run_id, min(started_at) AS first_at, max(started_at) AS last_at, count(*)::int AS total,
                      count(*) FILTER (WHERE outcome = 'delivered')::int AS delivered,
                      count(*) FILTER (WHERE outcome = 'failed')::int AS failed
                 FROM delivery_attempts WHERE destination_id = $1 GROUP BY run_id) r`,
      [destination.id],
    );
    const histogram = LATENCY_BUCKETS_MS.map((bound, index) => {
      const lower = index === 0 ? null : LATENCY_BUCKETS_MS[index - 1];
      const conditions = [
        lower === null || lower === undefined ? null : `duration_ms > ${lower}`,
        Number.isFinite(bound) ? `duration_ms <= ${bound}` : null,
      ].filter(Boolean);
      return `count(*) FILTER (WHERE ${conditions.join(" AND ") || "true"})::int`;
    });
    await client.query(
      `INSERT INTO delivery_hourly_stats
              (destination_id, hour, records_delivered, records_failed, requests, requests_failed, latency_histogram)
       SELECT destination_id, date_trunc('hour', started_at),
              count(*) FILTER (WHERE outcome = 'delivered'), count(*) FILTER (WHERE outcome = 'failed'),
              count(*), count(*) FILTER (WHERE outcome <> 'delivered'), ARRAY[${histogram.join(", ")}]
         FROM delivery_attempts WHERE destination_id = $1
        GROUP BY destination_id, date_trunc('hour', started_at)`,
      [destination.id],
    );
    return { runs };
  });
  // As autovacuum would have by now on a table filled over 30 days: the visibility map lets
  // index-only scans skip the heap.
  await dbPool().query("VACUUM ANALYZE delivery_attempts, runs, delivery_hourly_stats, destinations");
  return {
    workspaceId: workspace.id,
    destinationId: destination.id,
    runs: runs.rowCount ?? 0,
    seconds: (performance.now() - started) / 1000,
  };
}

async function time(run: () => Promise<unknown>): Promise<number[]> {
  for (let n = 0; n < MONITORING_WARMUP_RUNS; n++) await run();
  const latencies: number[] = [];
  for (let n = 0; n < MONITORING_TIMED_RUNS; n++) {
    const started = performance.now();
    await run();
    latencies.push(performance.now() - started);
  }
  return latencies.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

export async function printDestinationPageBench(): Promise<boolean> {
  const seed = await seedDestination(ATTEMPTS);
  const { workspaceId, destinationId } = seed;
  const { rows: runRows } = await dbPool().query<{ id: string }>(
    "SELECT id FROM runs WHERE destination_id = $1 ORDER BY started_at LIMIT 1",
    [destinationId],
  );
  const oldestRun = runRows[0]?.id as string;
  const firstPage = await listRequests(workspaceId, destinationId, {});
  const deepCursor = firstPage?.olderCursor ?? undefined;

  const cases: { label: string; run: () => Promise<unknown> }[] = [
    { label: "Overview: readDestinationStats", run: () => readDestinationStats(workspaceId, destinationId) },
    { label: "Runs: listDestinationRuns", run: () => listDestinationRuns(workspaceId, destinationId) },
    {
      label: "Runs: outcome = failed",
      run: () => listDestinationRuns(workspaceId, destinationId, { outcome: "failed" }),
    },
    { label: "Request Log: first page", run: () => listRequests(workspaceId, destinationId, {}) },
    {
      label: "Request Log: second page",
      run: () => listRequests(workspaceId, destinationId, { before: deepCursor }),
    },
    {
      label: "Request Log: 4xx (2%)",
      run: () => listRequests(workspaceId, destinationId, { status: "4xx" }),
    },
    {
      label: "Request Log: 3xx (none)",
      run: () => listRequests(workspaceId, destinationId, { status: "3xx" }),
    },
    {
      label: "Request Log: text 'invalid'",
      run: () => listRequests(workspaceId, destinationId, { q: "invalid" }),
    },
    {
      label: "Request Log: text matching nothing",
      run: () => listRequests(workspaceId, destinationId, { q: "no-such-text" }),
    },
    {
      label: "Request Log: network (0.1%)",
      run: () => listRequests(workspaceId, destinationId, { status: "network" }),
    },
    {
      label: "Run page: errors by message",
      run: () => groupRunErrors(workspaceId, destinationId, oldestRun),
    },
    {
      label: "Run page: its requests",
      run: () => listRequests(workspaceId, destinationId, { runId: oldestRun }),
    },
  ];

  console.log(
    `Destination page reads on one destination with ${ATTEMPTS.toLocaleString("en")} attempts, ` +
      `${seed.runs.toLocaleString("en")} runs (seeded in ${seed.seconds.toFixed(1)} s); ` +
      `${MONITORING_TIMED_RUNS} runs after ${MONITORING_WARMUP_RUNS} warm-up:`,
  );
  const width = Math.max(...cases.map((c) => c.label.length));
  for (const { label, run } of cases) {
    const sorted = await time(run);
    const ms = (value: number) => value.toFixed(1).padStart(7);
    console.log(
      `  ${label.padEnd(width)}  p50 ${ms(percentile(sorted, 50))}  p95 ${ms(percentile(sorted, 95))}  ` +
        `max ${ms(sorted.at(-1) ?? Number.NaN)} ms`,
    );
  }

  // The Overview's all-time figures agree with the attempt log (counted the slow way, once).
  const stats = await readDestinationStats(workspaceId, destinationId);
  const { rows } = await dbPool().query<{ requests: string; failed: string }>(
    `SELECT count(*) AS requests, count(*) FILTER (WHERE outcome <> 'delivered') AS failed
       FROM delivery_attempts WHERE destination_id = $1`,
    [destinationId],
  );
  const ok =
    stats?.allTime.requests === Number(rows[0]?.requests) &&
    stats?.allTime.requestsFailed === Number(rows[0]?.failed) &&
    firstPage?.entries.length === 50;
  console.log(`Destination page figures check: ${ok ? "ok" : "MISMATCH"}`);
  return ok;
}

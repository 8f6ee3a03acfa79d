/**
 * `npm run worker`: a delivery worker without the web app, to add delivery capacity. Point it at
 * the app's database with DATABASE_URL (on another machine, or here); without DATABASE_URL it uses
 * the embedded Postgres in the data folder, started by `npm run dev` or `npm start` or by itself.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import v8 from "node:v8";
import pg from "pg";
import { followEmbeddedPostgres, getConfig, setDatabaseUrl } from "@/lib/config";
import { connectionConfig } from "@/lib/db/client";
import { keepEmbeddedPostgresRunning } from "@/lib/db/keep-embedded-postgres-running";
import { readMigrationsList } from "@/lib/db/migrations-folder";
import { migrateQueue } from "@/lib/delivery/queue";
import { startDeliveryWorker } from "@/lib/delivery/worker";
import { logUnhandledRejections } from "./log-unhandled-rejections";

logUnhandledRejections();

// The worker's live heap is small (under 80 MB delivering a million records) but it allocates
// fast, and V8 then lets garbage grow the heap to three or four times the live size before a full
// collection: 400 MB and more of RSS. Collecting at one and a half times keeps it near 250 MB, at
// no measured cost in throughput (a full collection of a small heap is quick). Read by V8 at each
// collection, so setting it once started takes effect.
v8.setFlagsFromString("--heap-growing-percent=50");

async function main(): Promise<void> {
  const config = getConfig();
  let databaseUrl = config.databaseUrl;
  let stopPostgres = async () => {};
  let stopWatchingPostgres = () => {};
  if (!databaseUrl) {
    const dataDir = path.join(config.dataDir, "postgres");
    // Started again by this process if it started it and it exits while the worker runs.
    const kept = await keepEmbeddedPostgresRunning({ dataDir });
    const postgres = kept.first;
    databaseUrl = postgres.url;
    stopPostgres = kept.stop;
    stopWatchingPostgres = kept.stopWatching;
    setDatabaseUrl(databaseUrl);
    // Often the app's Postgres, adopted: when the app starts it again, it may be on another port.
    followEmbeddedPostgres(dataDir);
  }
  // Prisma's schema engine (WASM) stays in memory once loaded, some 45 MB for the worker's whole
  // life: it is loaded only when a migration is due, which the app has usually applied already.
  if (await migrationsApplied()) await migrateQueue(databaseUrl);
  else await (await import("@/lib/db/prepare-database")).prepareDatabase(databaseUrl);
  const worker = await startDeliveryWorker(databaseUrl);
  console.log(`Delivery worker ${process.pid} started`);

  // embedded-postgres' exit hooks would stop Postgres before the worker has finished its requests.
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      stopWatchingPostgres();
      console.log("Stopping: finishing the requests in flight…");
      void worker
        .stop()
        .then(stopPostgres)
        .then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
    });
  }
}

/**
 * Whether every migration in prisma/migrations is recorded as applied, unchanged, and none is
 * left failed, as `_prisma_migrations` says. Anything else goes through the schema engine, which
 * applies what is due and explains what is wrong.
 */
async function migrationsApplied(): Promise<boolean> {
  const list = await readMigrationsList(path.resolve("prisma/migrations"));
  const client = new pg.Client(connectionConfig());
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string; checksum: string; finished: boolean }>(
      `SELECT migration_name AS name, checksum, finished_at IS NOT NULL AS finished
         FROM _prisma_migrations WHERE rolled_back_at IS NULL`,
    );
    if (rows.some((row) => !row.finished)) return false;
    const applied = new Map(rows.map((row) => [row.name, row.checksum]));
    return list.migrationDirectories.every(
      ({ path: name, migrationFile: { content } }) =>
        content.tag === "ok" &&
        applied.get(name) === createHash("sha256").update(content.value).digest("hex"),
    );
  } catch {
    // No _prisma_migrations yet (a new database), or it cannot be read: the engine will say.
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

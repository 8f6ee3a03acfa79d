/**
 * `npm run worker`: a delivery worker without the web app, to add delivery capacity. Point it at
 * the app's database with DATABASE_URL (on another machine, or here); without DATABASE_URL it uses
 * the embedded Postgres in the data folder, started by `npm run dev` or `npm start` or by itself.
 */
import path from "node:path";
import { getConfig, setDatabaseUrl } from "@/lib/config";
import { followEmbeddedPostgres } from "@/lib/db/client";
import { keepEmbeddedPostgresRunning } from "@/lib/db/keep-embedded-postgres-running";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { startDeliveryWorker } from "@/lib/delivery/worker";
import { logUnhandledRejections } from "./log-unhandled-rejections";

logUnhandledRejections();

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
  await prepareDatabase(databaseUrl);
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

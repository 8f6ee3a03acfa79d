import path from "node:path";
import { fileURLToPath } from "node:url";
import { getConfig } from "../lib/config";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";

export const projectRoot = fileURLToPath(new URL("..", import.meta.url));

/**
 * Runs `use` against `DATABASE_URL`, or, when it is unset, against the embedded Postgres in
 * the data folder's `postgres/`, which is stopped afterwards.
 */
export async function withDatabase<T>(use: (databaseUrl: string) => Promise<T>): Promise<T> {
  const { databaseUrl, dataDir } = getConfig();
  if (databaseUrl) return use(databaseUrl);
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres") });
  try {
    return await use(postgres.url);
  } finally {
    await postgres.stop();
  }
}

/**
 * Runs a CLI entry point and exits with its status. The exit is explicit: embedded-postgres'
 * exit hook calls process.exit(0) on `beforeExit`, which would turn a failure into success.
 */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

import { migrateQueue } from "@/lib/delivery/queue";
import { applyMigrations, type MigrateOptions } from "./migrate";

/**
 * Brings a database up to date: Outflow's Prisma migrations, then the job queue's own schema
 * (graphile_worker), which graphile-worker versions and migrates itself. Returns the Prisma
 * migrations applied.
 */
export async function prepareDatabase(databaseUrl: string, options: MigrateOptions = {}): Promise<string[]> {
  const applied = await applyMigrations(databaseUrl, options);
  await migrateQueue(databaseUrl);
  return applied;
}

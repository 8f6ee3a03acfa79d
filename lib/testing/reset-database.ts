import { db } from "@/lib/db/client";

const DEADLOCK = "40P01";
const TRIES = 5;

/** The job queue's own tables that hold work; its task names and migration history stay. */
const QUEUE_TABLES = ["graphile_worker._private_jobs", "graphile_worker._private_job_queues"];

/**
 * Empties every table but Prisma's migration history, and the job queue's jobs, so each test starts
 * from a new install and no job of the previous test runs during the next.
 * A delivery worker running in the test process (its sweep, a job left from the previous test) may
 * hold row locks the TRUNCATE needs in another order; Postgres then aborts one side as a deadlock,
 * and emptying again succeeds once the worker's transaction is gone.
 */
export async function resetDatabase(): Promise<void> {
  const tables = await db().$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  const list = [...tables.map((t) => `"${t.tablename.replaceAll('"', '""')}"`), ...QUEUE_TABLES].join(", ");
  for (let attempt = 1; ; attempt++) {
    try {
      await db().$executeRawUnsafe(`TRUNCATE ${list} CASCADE`);
      return;
    } catch (error) {
      if (attempt >= TRIES || !isDeadlock(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

function isDeadlock(error: unknown): boolean {
  return error instanceof Error && error.message.includes(DEADLOCK);
}

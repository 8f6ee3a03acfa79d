import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { requireDatabaseUrl } from "@/lib/config";
import { PrismaClient } from "./generated/client";

type Db = { prisma: PrismaClient; pool: pg.Pool };

// One pool per process; kept on globalThis so dev-server reloads do not open new pools.
const holder = globalThis as typeof globalThis & { outflowDb?: Db };

function connect(): Db {
  // Timestamp columns hold UTC (Prisma's convention); raw SQL comparing them with now() needs the
  // session in UTC too, whatever the server's default zone.
  const pool = new pg.Pool({ connectionString: requireDatabaseUrl(), max: 10, options: "-c TimeZone=UTC" });
  // An idle connection dropped by the server (restart, admin kill) must not crash the process;
  // the pool replaces it on next use.
  pool.on("error", (error) => console.error("Postgres connection lost:", error.message));
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

/** The Prisma client. Connects lazily, so building the app needs no database. */
export function db(): PrismaClient {
  holder.outflowDb ??= connect();
  return holder.outflowDb.prisma;
}

/** The raw pool, for libraries that speak to Postgres themselves (rate limiter, job queue). */
export function dbPool(): pg.Pool {
  holder.outflowDb ??= connect();
  return holder.outflowDb.pool;
}

export async function disconnectDb(): Promise<void> {
  const current = holder.outflowDb;
  holder.outflowDb = undefined;
  if (!current) return;
  await current.prisma.$disconnect();
  await current.pool.end();
}

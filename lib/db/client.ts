import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { getConfig, requireDatabaseUrl } from "@/lib/config";
import { parseJson } from "@/lib/json/exact-json";
import { PrismaClient } from "./generated/client";
import { transactionScope } from "./transaction-scope";

type Db = { prisma: PrismaClient; pool: pg.Pool };

// One pool per process; kept on globalThis so dev-server reloads do not open new pools.
const holder = globalThis as typeof globalThis & { outflowDb?: Db };

function connect(): Db {
  // Timestamp columns hold UTC (Prisma's convention); raw SQL comparing them with now() needs the
  // session in UTC too, whatever the server's default zone.
  const pool = new pg.Pool({
    ...connectionConfig(),
    max: 10,
    options: "-c TimeZone=UTC",
    types: { getTypeParser },
  });
  // An idle connection dropped by the server (restart, admin kill) must not crash the process;
  // the pool replaces it on next use.
  pool.on("error", (error) => console.error("Postgres connection lost:", error.message));
  keepCheckedOutClientsAlive(pool);
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

const JSON_OID = 114;

/**
 * Columns of type `json` (records, and payloads edited from them) hold the record's text as
 * written: read with its numbers exact (lib/json/exact-json.ts). `jsonb` columns hold Outflow's
 * own settings and parse as usual. Prisma's queries parse on their own; records are read with SQL.
 */
function getTypeParser(oid: number, format?: "text" | "binary") {
  if (oid === JSON_OID && format !== "binary") return parseJson;
  return pg.types.getTypeParser(oid, format);
}

/**
 * A checked-out connection (a transaction in hand) that drops emits "error" on itself, not on the
 * pool, and unheard that ends the process. Nothing needs doing there: the query in hand, or the
 * next one, rejects with the error, and the pool discards the connection when it comes back.
 */
export function keepCheckedOutClientsAlive(pool: pg.Pool): void {
  pool.on("connect", (client) => client.on("error", () => undefined));
}

/** Connection settings for Outflow's database, for every pool and client that opens one. */
export function connectionConfig(): pg.ClientConfig {
  const connectionString = requireDatabaseUrl();
  const dataDir = getConfig().embeddedPostgresDir;
  if (!dataDir) return { connectionString };
  // pg connects the socket to the URL's port; the socket goes to the cluster's current one instead.
  const stream = () => {
    const socket = new net.Socket();
    const connect = socket.connect.bind(socket) as (port: number, host: string) => net.Socket;
    socket.connect = ((port: number, host: string) =>
      connect(currentPort(dataDir) ?? port, host)) as typeof socket.connect;
    return socket;
  };
  return { connectionString, stream };
}

/** The port in the cluster's postmaster.pid (line 4), while it has one. */
function currentPort(dataDir: string): number | undefined {
  try {
    const port = Number.parseInt(
      readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[3] ?? "",
      10,
    );
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Prisma client, or inside `withTransaction` the transaction's. Connects lazily, so building
 * the app needs no database.
 */
export function db(): PrismaClient {
  const scope = transactionScope.getStore();
  if (scope) return scope.client;
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

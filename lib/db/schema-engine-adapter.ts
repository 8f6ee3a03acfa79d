import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { createDatabase, dropDatabase } from "./create-database";
import { reportCharColumnsAsText, restoreCharColumns } from "./pg-char-columns";

export type MigrationAdapter = {
  /** The factory to hand to `SchemaEngine.new`, already bound the way the engine expects. */
  factory: ReturnType<typeof bindMigrationAwareSqlAdapterFactory>;
  /** Resolves once every shadow database the engine released has been dropped. */
  settle(): Promise<void>;
};

/**
 * One pg connection per pool, as the native engine uses: its `pg_advisory_lock` is session-scoped
 * and must be held by the connection that runs the migrations.
 */
export function createMigrationPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  reportCharColumnsAsText(pool);
  // An idle connection closed by the server would otherwise crash the process; the next query
  // reports the failure instead.
  pool.on("error", () => {});
  return pool;
}

/** The driver-adapter factory for the schema engine over `pool`, which the caller owns. */
export function createMigrationAdapter(pool: pg.Pool, databaseUrl: string): MigrationAdapter {
  const pending = new Set<Promise<void>>();
  const pgFactory = new PrismaPg(pool);
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: pgFactory.provider,
    adapterName: pgFactory.adapterName,
    connect: async () => wrapAdapter(await pgFactory.connect(), pool),
    connectToShadowDb: () => connectShadowDatabase(databaseUrl, pending),
  };
  return {
    factory: bindMigrationAwareSqlAdapterFactory(factory),
    settle: async () => {
      await Promise.all(pending);
    },
  };
}

// PrismaPg.connectToShadowDb() in 7.10.1 connects to the main database when given a URL, loses
// the password with an external pool, and drops the shadow database while still connected.
async function connectShadowDatabase(
  databaseUrl: string,
  pending: Set<Promise<void>>,
): Promise<SqlDriverAdapter> {
  const name = `prisma_migrate_shadow_db_${randomUUID()}`;
  const pool = createMigrationPool(await createDatabase(databaseUrl, name));
  const release = async () => {
    await pool.end();
    await dropDatabase(databaseUrl, name);
  };
  try {
    const adapter = await new PrismaPg(pool).connect();
    return wrapAdapter(adapter, pool, () => {
      const cleanup = release().finally(() => pending.delete(cleanup));
      pending.add(cleanup);
      return cleanup;
    });
  } catch (error) {
    await release();
    throw error;
  }
}

function wrapAdapter(
  adapter: SqlDriverAdapter,
  pool: pg.Pool,
  release?: () => Promise<void>,
): SqlDriverAdapter {
  const wrapped: SqlDriverAdapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: async (query) => restoreCharColumns(await adapter.queryRaw(query)),
    executeRaw: (query) => adapter.executeRaw(query),
    executeScript: (script) => runScript(pool, script),
    startTransaction: async (isolationLevel) =>
      wrapTransaction(await adapter.startTransaction(isolationLevel)),
    dispose: async () => {
      await adapter.dispose();
      await release?.();
    },
  };
  if (adapter.getConnectionInfo) wrapped.getConnectionInfo = adapter.getConnectionInfo.bind(adapter);
  return wrapped;
}

function wrapTransaction(transaction: Transaction): Transaction {
  const wrapped: Transaction = {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: async (query) => restoreCharColumns(await transaction.queryRaw(query)),
    executeRaw: (query) => transaction.executeRaw(query),
    commit: () => transaction.commit(),
    rollback: () => transaction.rollback(),
  };
  if (transaction.createSavepoint) wrapped.createSavepoint = transaction.createSavepoint.bind(transaction);
  if (transaction.rollbackToSavepoint) {
    wrapped.rollbackToSavepoint = transaction.rollbackToSavepoint.bind(transaction);
  }
  if (transaction.releaseSavepoint) wrapped.releaseSavepoint = transaction.releaseSavepoint.bind(transaction);
  return wrapped;
}

// adapter-pg's executeScript splits on every `;`, which breaks `$$` function bodies and string
// literals. One simple-protocol query runs the whole script, as psql and the native engine do.
async function runScript(pool: pg.Pool, script: string): Promise<void> {
  try {
    await pool.query(script);
  } catch (error) {
    if (!(error instanceof pg.DatabaseError)) throw error;
    throw new DriverAdapterError({
      kind: "postgres",
      code: error.code ?? "N/A",
      severity: error.severity ?? "N/A",
      message: error.message,
      detail: error.detail,
      column: error.column,
      hint: error.hint,
    });
  }
}

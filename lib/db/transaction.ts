import type pg from "pg";
import { db, dbPool } from "./client";
import type { Prisma, PrismaClient } from "./generated/client";
import { type TransactionScope, transactionScope } from "./transaction-scope";

/**
 * Runs `work` in one transaction on a connection of its own: committed when it returns, rolled
 * back when it throws. For the raw-SQL paths where one commit must cover several statements.
 */
export async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await dbPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Runs `work` in one transaction that every `db()` call inside it joins, in whatever module:
 * committed when it returns, rolled back when it throws. A `$transaction` inside it becomes a
 * savepoint, so a step that fails and is caught undoes only its own writes. Inside another
 * `withTransaction`, it joins that one.
 */
export async function withTransaction<T>(work: () => Promise<T>, { timeoutMs = 60_000 } = {}): Promise<T> {
  if (transactionScope.getStore()) return work();
  const scope: Omit<TransactionScope, "client"> = { afterCommit: [] };
  const result = await db().$transaction(
    (tx) => transactionScope.run({ ...scope, client: joinable(tx) }, work),
    { timeout: timeoutMs, maxWait: 10_000 },
  );
  for (const task of scope.afterCommit) await task();
  return result;
}

/** Runs `task` once the transaction in hand commits (and never if it rolls back), or now outside one. */
export async function afterCommit(task: () => Promise<unknown>): Promise<void> {
  const scope = transactionScope.getStore();
  if (scope) scope.afterCommit.push(task);
  else await task();
}

let savepoints = 0;

function joinable(tx: Prisma.TransactionClient): PrismaClient {
  const client: PrismaClient = new Proxy(tx, {
    get: (target, property) =>
      property === "$transaction"
        ? (work: unknown) => inSavepoint(client, work)
        : Reflect.get(target, property),
  }) as unknown as PrismaClient;
  return client;
}

async function inSavepoint(client: PrismaClient, work: unknown): Promise<unknown> {
  if (typeof work !== "function") throw new Error("Inside withTransaction, $transaction takes a function");
  const name = `nested_${++savepoints}`;
  await client.$executeRawUnsafe(`SAVEPOINT ${name}`);
  try {
    const result = await work(client);
    await client.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await client.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}

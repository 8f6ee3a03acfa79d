import type pg from "pg";
import { dbPool } from "./client";

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

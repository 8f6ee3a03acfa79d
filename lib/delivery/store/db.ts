/**
 * The one handle every delivery store function takes: the shared pool for a single statement, or
 * the client `inTransaction` hands out when several statements must commit together. The same
 * function therefore runs on its own or inside a caller's transaction, and no delivery code needs
 * Prisma's `$transaction`, whose transaction a raw-SQL client cannot join.
 *
 * Rows come back in camelCase (the SQL names its columns with quoted aliases) and are checked
 * against a zod schema here, at the boundary, so a changed column fails loudly instead of
 * travelling on as `undefined`.
 */
import type pg from "pg";
import type { z } from "zod";
import { dbPool } from "@/lib/db/client";

export { inTransaction } from "@/lib/db/transaction";

export type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** The shared pool, for statements that need no transaction of their own. */
export function pool(): Queryable {
  return dbPool();
}

/** Runs `text` and returns its rows, each parsed by `row`. */
export async function selectRows<Schema extends z.ZodType>(
  db: Queryable,
  row: Schema,
  text: string,
  values: unknown[] = [],
): Promise<z.output<Schema>[]> {
  const { rows } = await db.query(text, values);
  return rows.map((value) => row.parse(value));
}

/** The first row, parsed, or null when there is none. */
export async function selectRow<Schema extends z.ZodType>(
  db: Queryable,
  row: Schema,
  text: string,
  values: unknown[] = [],
): Promise<z.output<Schema> | null> {
  const rows = await selectRows(db, row, text, values);
  return rows[0] ?? null;
}

/** Runs a statement that returns nothing to read; resolves to the rows it touched. */
export async function execute(db: Queryable, text: string, values: unknown[] = []): Promise<number> {
  const { rowCount } = await db.query(text, values);
  return rowCount ?? 0;
}

import { ColumnTypeEnum, type SqlResultSet } from "@prisma/driver-adapter-utils";
import type pg from "pg";

// Postgres' internal one-byte `"char"` type, which the schema engine's database describer selects
// (e.g. pg_constraint.contype). @prisma/adapter-pg 7.10.1 rejects it as an unsupported type.
const CHAR_OID = 18;
const TEXT_OID = 25;

type QueryFunction = (...args: unknown[]) => unknown;
type FieldLike = { dataTypeID: number };
type ResultLike = { fields: FieldLike[]; rows: unknown[] };

/** Columns re-typed per result, keyed by the rows array the adapter passes through untouched. */
const charColumnsByRows = new WeakMap<object, number[]>();

/**
 * Makes every connection of `pool` report `"char"` columns as text, so adapter-pg accepts them;
 * `restoreCharColumns` then tells the engine their real type. Reporting text alone makes the
 * engine panic: it expects those columns as Character.
 */
export function reportCharColumnsAsText(pool: pg.Pool): void {
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as QueryFunction;
    (client as unknown as { query: QueryFunction }).query = (...args) => {
      const callback = args.at(-1);
      if (typeof callback === "function") {
        args[args.length - 1] = (error: unknown, result: unknown) => {
          retypeCharFields(result);
          callback(error, result);
        };
        return query(...args);
      }
      const outcome = query(...args);
      if (!(outcome instanceof Promise)) return outcome;
      return outcome.then((result: unknown) => {
        retypeCharFields(result);
        return result;
      });
    };
  });
}

/** Marks the columns that `reportCharColumnsAsText` re-typed as Character in the adapter's result. */
export function restoreCharColumns(resultSet: SqlResultSet): SqlResultSet {
  const columns = charColumnsByRows.get(resultSet.rows);
  if (!columns) return resultSet;
  const columnTypes = [...resultSet.columnTypes];
  for (const index of columns) columnTypes[index] = ColumnTypeEnum.Character;
  return { ...resultSet, columnTypes };
}

function retypeCharFields(result: unknown): void {
  if (Array.isArray(result)) {
    for (const each of result) retypeCharFields(each);
    return;
  }
  if (!isResultLike(result)) return;
  const columns: number[] = [];
  result.fields.forEach((field, index) => {
    if (field.dataTypeID !== CHAR_OID) return;
    field.dataTypeID = TEXT_OID;
    columns.push(index);
  });
  if (columns.length > 0) charColumnsByRows.set(result.rows, columns);
}

function isResultLike(value: unknown): value is ResultLike {
  if (typeof value !== "object" || value === null) return false;
  const { fields, rows } = value as Partial<ResultLike>;
  return Array.isArray(fields) && Array.isArray(rows);
}

/**
 * CSV bodies, one row per record, header row first (RFC 4180 via Papa.unparse: CRLF line ends,
 * quotes where needed). Nested objects are flattened into columns named like the dataset schema
 * names fields (`user.email`, keys with `.` escaped as `a\.b`), so a column can be found in the
 * schema; arrays (and anything else that is not a scalar) are JSON-encoded in their cell, since a
 * row has no place for a list. null and missing values are empty cells. Columns are the union
 * over the batch, in first-seen order.
 */

import Papa from "papaparse";
import { childPath } from "@/lib/datasets/schema/field-path";
import { isExactNumber, stringifyJson } from "@/lib/json/exact-json";
import { isPlainObject } from "./record-path";

export function serializeCsv(items: unknown[]): string {
  const rows = items.map((item) => flatten(isPlainObject(item) ? item : { value: item }));
  const fields: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of row.keys()) {
      if (!seen.has(key)) {
        seen.add(key);
        fields.push(key);
      }
    }
  }
  const data = rows.map((row) => fields.map((field) => row.get(field) ?? ""));
  // No formula escaping: the reader is an API, not a spreadsheet, and the values must arrive unchanged.
  return Papa.unparse({ fields, data }, { newline: "\r\n" });
}

function flatten(record: Record<string, unknown>): Map<string, string> {
  const row = new Map<string, string>();
  const walk = (value: unknown, path: string | undefined) => {
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      for (const [key, child] of Object.entries(value)) walk(child, childPath(path, key));
      return;
    }
    row.set(path ?? "value", cell(value));
  };
  walk(record, undefined);
  return row;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || isExactNumber(value)) return String(value);
  return stringifyJson(value);
}

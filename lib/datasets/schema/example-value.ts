/**
 * A short example of a field's values for tables and pickers. Bounded so a hostile record cannot
 * bloat the stored schema: strings cut to 200 characters, objects and arrays only when small.
 */

import { isExactNumber } from "@/lib/json/exact-json";

const MAX_STRING = 200;
const MAX_ENTRIES = 5;
const MAX_JSON = 200;

/** The example to keep for `value`, or undefined when it makes no useful example. */
export function exampleOf(value: unknown): unknown {
  if (typeof value === "string") return value.length <= MAX_STRING ? value : `${cutString(value)}…`;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "boolean") return value;
  // A number a JS number cannot hold makes no example: the stored schema is plain JSON.
  if (typeof value !== "object" || value === null || isExactNumber(value)) return undefined;
  if (Array.isArray(value) ? value.length > MAX_ENTRIES : hasMoreKeysThan(value, MAX_ENTRIES))
    return undefined;
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch {
    return undefined;
  }
  // A detached copy: the schema must not share (and later see changes to) the record's objects.
  // Marked ExactNumbers (see lib/json/exact-json.ts) make it no example either.
  return json.length <= MAX_JSON && !json.includes("\\u0000") ? JSON.parse(json) : undefined;
}

/** Cut at MAX_STRING without splitting a surrogate pair: half a pair is not storable in jsonb. */
function cutString(value: string): string {
  const last = value.charCodeAt(MAX_STRING - 1);
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_STRING - 1 : MAX_STRING);
}

function hasMoreKeysThan(object: object, limit: number): boolean {
  let count = 0;
  for (const _ in object) if (++count > limit) return true;
  return false;
}

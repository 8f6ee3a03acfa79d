import { splitFieldPath } from "@/lib/datasets/schema/field-path";
import { isExactNumber } from "@/lib/json/exact-json";

/** `{{record.user.email}}` (or `{{record}}` for the whole record); the path is in dataset field-path syntax. */
export const RECORD_PLACEHOLDER = /\{\{\s*record((?:\.(?:\\.|[^}\s\\])+)?)\s*\}\}/g;

/** A JSON object: not an array, and not a number kept as its text (an ExactNumber). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isExactNumber(value);
}

/**
 * The value at a dotted field path (`user.email`, `a\.b`), or undefined. `[]` segments are not
 * addressable one value at a time, so a path with them reads nothing.
 */
export function readPath(value: unknown, path: string): unknown {
  if (path === "") return value;
  let current = value;
  for (const segment of splitFieldPath(path)) {
    if (!("key" in segment) || !isPlainObject(current)) return undefined;
    if (!Object.hasOwn(current, segment.key)) return undefined;
    current = current[segment.key];
  }
  return current;
}

/** The path inside a placeholder match: `.user.email` → `user.email`. */
export function placeholderPath(dottedSuffix: string | undefined): string {
  return (dottedSuffix ?? "").replace(/^\./, "");
}

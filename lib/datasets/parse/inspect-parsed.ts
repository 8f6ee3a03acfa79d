/**
 * One walk over what JSON.parse returned, looking for the two things it does not guard against:
 * nesting deeper than MAX_DEPTH (later recursive code, such as schema inference or payload
 * rendering, must not blow the stack) and numbers beyond ±(2^53 - 1), which JSON.parse may have
 * rounded (see json-number.ts). The recursion stops at MAX_DEPTH + 1 frames whatever the input.
 */
import { MAX_DEPTH } from "./limits";

export type ParsedFinding = "ok" | "too-deep" | "unsafe-number";

const LIMIT = Number.MAX_SAFE_INTEGER;

/** `depth` counts the containers around `value`'s contents, `value` included. */
export function inspectParsed(value: object, depth = 1): ParsedFinding {
  if (depth > MAX_DEPTH) return "too-deep";
  if (Array.isArray(value)) {
    for (const item of value) {
      const finding = inspectItem(item, depth);
      if (finding !== "ok") return finding;
    }
    return "ok";
  }
  const fields = value as Record<string, unknown>;
  for (const key in fields) {
    const finding = inspectItem(fields[key], depth);
    if (finding !== "ok") return finding;
  }
  return "ok";
}

function inspectItem(item: unknown, depth: number): ParsedFinding {
  if (typeof item === "object") return item === null ? "ok" : inspectParsed(item, depth + 1);
  if (typeof item === "number" && (item > LIMIT || item < -LIMIT)) return "unsafe-number";
  return "ok";
}

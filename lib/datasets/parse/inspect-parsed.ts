/**
 * One walk over what JSON.parse returned, looking for what it does not guard against: nesting
 * deeper than MAX_DEPTH (later recursive code, such as schema inference or payload rendering, must
 * not blow the stack). The recursion stops at MAX_DEPTH + 1 frames whatever the input.
 */
import { MAX_DEPTH } from "./limits";

export type ParsedFinding = "ok" | "too-deep";

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
  return typeof item === "object" && item !== null ? inspectParsed(item, depth + 1) : "ok";
}

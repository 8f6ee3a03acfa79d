/** The JSON type of a value as the schema reports it. */
import { isExactNumber } from "@/lib/json/exact-json";

export type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";

/** Every type, in the order tables list them when counts tie. */
export const JSON_TYPES: readonly JsonType[] = [
  "string",
  "integer",
  "number",
  "boolean",
  "object",
  "array",
  "null",
];

/**
 * Integers (1, -3, 1e3) are "integer", other numbers "number"; a number kept as its text (an
 * ExactNumber) is "integer" when written as one. Undefined for what JSON cannot hold (undefined,
 * functions).
 */
export function jsonTypeOf(value: unknown): JsonType | undefined {
  switch (typeof value) {
    case "string":
      return "string";
    case "number":
      return Number.isInteger(value) ? "integer" : "number";
    case "bigint":
      return "integer";
    case "boolean":
      return "boolean";
    case "object":
      if (value === null) return "null";
      if (isExactNumber(value)) return /^-?\d+$/.test(value.value) ? "integer" : "number";
      return Array.isArray(value) ? "array" : "object";
    default:
      return undefined;
  }
}

/** The JSON type of a value as the schema reports it. */

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
 * Integers (1, -3, 1e3) are "integer", other numbers "number". Integers too big for a double arrive
 * from the parsers as decimal strings and count as "string": that is what they are in the record
 * and what a destination will receive. Undefined for what JSON cannot hold (undefined, functions).
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
      return value === null ? "null" : Array.isArray(value) ? "array" : "object";
    default:
      return undefined;
  }
}

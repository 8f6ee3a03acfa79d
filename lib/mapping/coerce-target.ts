/**
 * Converts a mapped value to the type its target field declares (the vendors' API models), or says
 * why it cannot be: the builder sends what the API's schema wants, or pre-flight refuses the record
 * with the field named.
 */
import { isPlainObject } from "@/lib/payload/record-path";
import {
  describeValue,
  isWholeNumber,
  TransformError,
  toBoolean,
  toNumber,
  toText,
  toTimestamp,
} from "./transforms";
import type { TargetField } from "./types";

export type Coerced = { value: unknown } | { problem: string };

export function coerceToTarget(value: unknown, target: TargetField): Coerced {
  try {
    const converted = convert(value, target);
    if (target.maxLength && typeof converted === "string" && converted.length > target.maxLength) {
      return {
        problem: `${target.path} is ${converted.length} characters; the API allows ${target.maxLength}.`,
      };
    }
    return { value: converted };
  } catch (error) {
    if (error instanceof TransformError) return { problem: `${target.path}: ${error.message}` };
    throw error;
  }
}

function convert(value: unknown, target: TargetField): unknown {
  switch (target.type) {
    case "string":
      if (isPlainObject(value) || Array.isArray(value)) {
        throw new TransformError(`${describeValue(value)} is not text: map a field inside it instead.`);
      }
      return toText(value);
    case "number":
      return toNumber(value);
    case "integer": {
      const number = toNumber(value);
      if (!isWholeNumber(number)) throw new TransformError(`${describeValue(value)} is not a whole number.`);
      return number;
    }
    case "boolean":
      return toBoolean(value);
    case "datetime":
      return toTimestamp(value);
    case "object":
      if (!isPlainObject(value)) throw new TransformError(`${describeValue(value)} is not an object.`);
      return value;
    case "array":
      if (!Array.isArray(value)) throw new TransformError(`${describeValue(value)} is not a list.`);
      return value;
    case "string-map":
      if (!isPlainObject(value)) throw new TransformError(`${describeValue(value)} is not an object.`);
      return stringMap(value);
  }
}

/** HubSpot's property maps are text values; "" and null are left out, as Jitsu leaves them out. */
function stringMap(value: Record<string, unknown>): Record<string, string> {
  const entries: [string, string][] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === null || item === undefined) continue;
    const text = toText(item);
    if (text !== "") entries.push([key, text]);
  }
  // fromEntries makes own properties, whatever the keys (a record may hold "__proto__").
  return Object.fromEntries(entries);
}

/**
 * The fixed list of transforms a mapping row can apply. Each is a plain function of one value;
 * a value a transform cannot convert is an error naming the value, never a silent guess.
 */
import {
  type ExactNumber,
  isExactNumber,
  numberFromLiteral,
  stringifyJson,
  whyNotADouble,
} from "@/lib/json/exact-json";
import type { Transform, TransformKind } from "./types";

export class TransformError extends Error {}

export const TRANSFORM_LABELS: Record<TransformKind, string> = {
  trim: "Trim spaces",
  lowercase: "Lower case",
  uppercase: "Upper case",
  "to-number": "To number",
  "to-string": "To text",
  "to-boolean": "To true/false",
  "to-timestamp": "To ISO-8601 timestamp",
  default: "Default when missing",
  split: "Split text into a list",
  join: "Join a list into text",
  "omit-empty": "Omit when empty",
};

export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

/** How a value reads in an error: short, and the same whatever its type. */
export function describeValue(value: unknown): string {
  const text = value === undefined ? "undefined" : stringifyJson(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const TRUE = new Set(["true", "yes", "y", "1", "on"]);
const FALSE = new Set(["false", "no", "n", "0", "off"]);

export function toBoolean(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "number" && (value === 0 || value === 1)) return value === 1;
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (TRUE.has(text)) return true;
    if (FALSE.has(text)) return false;
  }
  throw new TransformError(`${describeValue(value)} is not true or false.`);
}

const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/**
 * A number for a field that holds one: the API reads it as a double, so a number a double would
 * change (12345678901234567890123, 1e400) is refused rather than sent to become another value.
 * One written in JSON's syntax keeps how it is written (`1.50` stays `1.50`).
 */
export function toNumber(value: unknown): number | ExactNumber {
  if (typeof value === "number") return value;
  if (isExactNumber(value)) return asDouble(value);
  if (typeof value === "string" && JSON_NUMBER.test(value.trim())) {
    return asDouble(numberFromLiteral(value.trim()));
  }
  if (typeof value === "string" && NUMBER_TEXT.test(value.trim())) {
    return asDouble(Number(value.trim()));
  }
  throw new TransformError(`${describeValue(value)} is not a number.`);
}

function asDouble<T extends number | ExactNumber>(value: T): T {
  const problem = whyNotADouble(value);
  if (problem) throw new TransformError(`${problem}: send it as text instead.`);
  return value;
}

/** Whether a number from toNumber is a whole number. */
export function isWholeNumber(value: number | ExactNumber): boolean {
  return Number.isInteger(typeof value === "number" ? value : Number(value.value));
}

/** A zone-less date and time (`2024-03-01 12:00:00`) is read as UTC, not as the server's local time. */
const ZONELESS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
/** Epoch numbers below this are seconds (until the year 5138), above it milliseconds. */
const SECONDS_CEILING = 1e11;

/** Already ISO-8601 with a zone: kept exactly as written. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function toTimestamp(value: unknown): string {
  if (typeof value === "string" && ISO_WITH_ZONE.test(value.trim()) && Number.isFinite(Date.parse(value))) {
    return value.trim();
  }
  let millis: number | undefined;
  if (
    typeof value === "number" ||
    isExactNumber(value) ||
    (typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()))
  ) {
    const number = Number(isExactNumber(value) ? value.value : value);
    millis = number < SECONDS_CEILING ? number * 1000 : number;
  } else if (typeof value === "string") {
    const text = value.trim();
    millis = Date.parse(ZONELESS.test(text) ? `${text.replace(" ", "T")}Z` : text);
  }
  if (millis === undefined || !Number.isFinite(millis)) {
    throw new TransformError(
      `${describeValue(value)} is not a date: use epoch seconds, epoch milliseconds or a date such as 2024-03-01T12:00:00Z.`,
    );
  }
  return new Date(millis).toISOString();
}

export function toText(value: unknown): string {
  if (typeof value === "string") return value;
  if (isExactNumber(value)) return value.value;
  if (typeof value === "object") return stringifyJson(value);
  return String(value);
}

/** One transform applied to one value; undefined passes through all but "default". */
export function applyTransform(value: unknown, transform: Transform): unknown {
  if (transform.kind === "default") return isEmptyValue(value) ? transform.value : value;
  if (transform.kind === "omit-empty") return isEmptyValue(value) ? undefined : value;
  if (value === undefined || value === null) return value;
  switch (transform.kind) {
    case "trim":
      return typeof value === "string" ? value.trim() : value;
    case "lowercase":
      return typeof value === "string" ? value.toLowerCase() : value;
    case "uppercase":
      return typeof value === "string" ? value.toUpperCase() : value;
    case "to-number":
      return toNumber(value);
    case "to-string":
      return toText(value);
    case "to-boolean":
      return toBoolean(value);
    case "to-timestamp":
      return toTimestamp(value);
    case "split":
      return typeof value === "string"
        ? value
            .split(transform.separator || ",")
            .map((item) => item.trim())
            .filter((item) => item !== "")
        : value;
    case "join":
      return Array.isArray(value) ? value.map(toText).join(transform.separator) : value;
  }
}

export function applyTransforms(value: unknown, transforms: readonly Transform[]): unknown {
  return transforms.reduce(applyTransform, value);
}

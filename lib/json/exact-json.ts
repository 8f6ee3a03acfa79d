/**
 * JSON that keeps numbers exactly as written. JSON.parse turns `12345678901234567890123` into
 * 12345678901234567000, `1e400` into Infinity (written back as `null`), `1e-400` into 0 and `1.50`
 * into 1.5; a record must reach its API as the user wrote it. A number whose text JSON.stringify
 * would write back unchanged stays a JS number; any other is an ExactNumber holding its text
 * (lossless-json's LosslessNumber), which stringifyJson writes back byte for byte and String()
 * turns into that same text (URL templates, CSV cells, XML elements, form fields).
 *
 * The common case pays nothing extra: mayHoldInexactNumber spots, in the text, every number that
 * might not survive JSON.parse (false alarms only cost the slower exact parse).
 */
import {
  getUnsafeNumberReason,
  LosslessNumber,
  parse as parseLossless,
  UnsafeNumberReason,
} from "lossless-json";

// JSON.stringify escapes NUL, so the marker cannot come from a string a record holds: records with
// NUL are refused at ingest (Postgres cannot store it) and expressions cannot type it.
const MARK = "\u0000#";
const MARKED = /"\\u0000#([-+.0-9eE]+)\\u0000#"/g;
// Left inside a string when an expression turned an ExactNumber into text ($string()).
const MARKED_IN_STRING = /\\u0000#([-+.0-9eE]+)\\u0000#/g;

/** A number kept as its JSON text, because a JS number would change it. */
export class ExactNumber extends LosslessNumber {
  /** Read by JSON.stringify; stringifyJson turns the marked string back into the bare number. */
  toJSON(): string {
    return `${MARK}${this.value}${MARK}`;
  }
}

export function isExactNumber(value: unknown): value is ExactNumber {
  return value instanceof ExactNumber;
}

/** A JSON number literal as a JS number when that writes back as the same text, else as an ExactNumber. */
export function numberFromLiteral(literal: string): number | ExactNumber {
  const value = Number(literal);
  return JSON.stringify(value) === literal ? value : new ExactNumber(literal);
}

/**
 * Whether the text may hold a number literal that a JS number would not write back unchanged:
 * an exponent, a fraction ending in 0, negative zero, 16 or more digits (a double holds 15 for
 * sure), or six zeros after the point (JS writes 0.0000001 as 1e-7). Matches inside strings are
 * false alarms, which cost the exact parse and nothing else.
 */
export function mayHoldInexactNumber(text: string): boolean {
  return INEXACT.test(text);
}
const INEXACT = /\d[eE]|\.\d*0(?!\d)|-0(?![.\d])|(?:\d\.?){16}|\.0{6}/;

/** JSON.parse, with every number that a JS number would change kept as an ExactNumber. */
export function parseJson(text: string): unknown {
  if (!mayHoldInexactNumber(text)) return JSON.parse(text);
  // The last of repeated keys wins, as with JSON.parse (lossless-json refuses them by default).
  return parseLossless(text, null, {
    parseNumber: numberFromLiteral,
    onDuplicateKey: ({ newValue }) => newValue,
  });
}

/** JSON.stringify, with each ExactNumber written as the number it holds. */
export function stringifyJson(value: unknown, space?: number): string {
  const text = JSON.stringify(value, undefined, space) as string | undefined;
  return text === undefined ? "null" : unmarkExactNumbers(text);
}

/** JSON.stringify's text with each ExactNumber's marked string turned into the bare number. */
export function unmarkExactNumbers(json: string): string {
  if (!json.includes("\\u0000#")) return json;
  return json.replace(MARKED, "$1").replace(MARKED_IN_STRING, "$1");
}

const UNSAFE: Record<UnsafeNumberReason, string> = {
  [UnsafeNumberReason.overflow]: "is too large for a number field (it would become Infinity)",
  [UnsafeNumberReason.underflow]: "is too small for a number field (it would become 0)",
  [UnsafeNumberReason.truncate_integer]: "has more digits than a number field holds",
  [UnsafeNumberReason.truncate_float]: "has more digits than a number field holds",
};

/**
 * Why a JS number (a double) cannot hold this number without changing its value, or null when it
 * can (`1.50` and `1E5` change only in how they are written).
 */
export function whyNotADouble(value: number | ExactNumber): string | null {
  if (typeof value === "number") return null;
  const reason = getUnsafeNumberReason(value.value);
  if (reason === undefined) return null;
  const rounded =
    reason === UnsafeNumberReason.truncate_integer || reason === UnsafeNumberReason.truncate_float;
  return `${value.value} ${UNSAFE[reason]}${rounded ? ` (it would become ${Number(value.value)})` : ""}`;
}

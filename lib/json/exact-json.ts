/**
 * JSON that keeps numbers exactly as written. JSON.parse turns `12345678901234567890123` into
 * 12345678901234567000, `1e400` into Infinity (written back as `null`), `1e-400` into 0 and `1.50`
 * into 1.5; a record must reach its API as the user wrote it. A number whose text JSON.stringify
 * would write back unchanged stays a JS number; any other is an ExactNumber holding its text
 * (lossless-json's LosslessNumber), which stringifyJson writes back byte for byte and String()
 * turns into that same text (URL templates, CSV cells, XML elements, form fields).
 *
 * The common case stays JSON.parse, after one pass over the text: mayHoldInexactNumber spots every
 * number that might not survive JSON.parse (false alarms only cost the slower exact parse).
 */

import {
  getUnsafeNumberReason,
  LosslessNumber,
  parse as parseLossless,
  UnsafeNumberReason,
} from "lossless-json";
import { keepWrittenKeyOrder } from "./key-order";

// JSON.stringify escapes NUL, so the marker cannot come from a string a record holds: records with
// NUL are refused at ingest (Postgres cannot store it) and expressions cannot type it.
const MARK = "\u0000#";
const MARKED = /"\\u0000#([-+.0-9eE]+)\\u0000#"/g;
// Left inside a string when an expression turned an ExactNumber into text ($string()).
const MARKED_IN_STRING = /\\u0000#([-+.0-9eE]+)\\u0000#/g;
// The same in a string value rather than in JSON text: an expression's text made from an
// ExactNumber holds the mark with its NUL as is, or escaped and quoted by JSON.stringify ($string).
const NUL = String.fromCharCode(0);
const MARKED_TEXT = new RegExp(`"?(?:${NUL}|\\\\u0000)#([-+.0-9eE]+)(?:${NUL}|\\\\u0000)#"?`, "g");

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
 * Whether the JSON text may hold a number that a JS number would not write back unchanged: one
 * with an exponent, a fraction ending in 0, negative zero, 16 or more digits (a double holds 15 for
 * sure), or six zeros after the point (JS writes 0.0000001 as 1e-7). One pass over the characters,
 * skipping strings (dates, ids and hex keys are full of digits): a yes costs the exact parse, so
 * it may be wrong that way, never the other (a test holds it to that).
 */
export function mayHoldInexactNumber(text: string): boolean {
  let inString = false;
  let run = 0; // digits in a row, one dot allowed between two of them
  let fraction = -1; // digits since the number's dot, or -1 when it has none
  let zeros = true; // those digits are all 0 so far
  let prev = 0;
  let beforePrev = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c >= DIGIT_0 && c <= DIGIT_9) {
      if (++run >= 16) return true;
      if (fraction >= 0) {
        fraction++;
        if (c !== DIGIT_0) zeros = false;
        else if (zeros && fraction >= 6) return true;
      }
    } else {
      if (fraction > 0 && prev === DIGIT_0) return true;
      // -0 alone, not -0.5
      if (prev === DIGIT_0 && beforePrev === MINUS && c !== DOT) return true;
      if (c === DOT) {
        fraction = 0;
        zeros = true;
      } else {
        if ((c === LOWER_E || c === UPPER_E) && prev >= DIGIT_0 && prev <= DIGIT_9) return true;
        run = 0;
        fraction = -1;
        inString = c === QUOTE;
      }
    }
    beforePrev = prev;
    prev = c;
  }
  return prev === DIGIT_0 && (fraction > 0 || beforePrev === MINUS);
}
const [DIGIT_0, DIGIT_9, MINUS, DOT, LOWER_E, UPPER_E, QUOTE, BACKSLASH] = [48, 57, 45, 46, 101, 69, 34, 92];

/** JSON.parse, with every number that a JS number would change kept as an ExactNumber. */
export function parseJson(text: string): unknown {
  if (!mayHoldInexactNumber(text)) return keepWrittenKeyOrder(JSON.parse(text), text);
  // The last of repeated keys wins, as with JSON.parse (lossless-json refuses them by default).
  const value = parseLossless(text, null, {
    parseNumber: numberFromLiteral,
    onDuplicateKey: ({ newValue }) => newValue,
  });
  return keepWrittenKeyOrder(value, text);
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

/**
 * The value as an expression language computes with it: a number a double holds exactly
 * (`1.50`, `1E5`) becomes that double, so arithmetic works; one it does not (`1e400`) stays an
 * ExactNumber, passed through unchanged and refused by arithmetic. Unchanged values are shared.
 */
export function computable(value: unknown): unknown {
  if (isExactNumber(value)) return whyNotADouble(value) === null ? Number(value.value) : value;
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map(computable);
    return items.every((item, index) => item === value[index]) ? value : items;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = computable(item);
    if (next !== item) {
      copy ??= Object.fromEntries(Object.entries(value));
      copy[key] = next;
    }
  }
  return copy ?? value;
}

/** Text an expression made from an ExactNumber (`$string(n)`, `"id-" & n`) with the number as written. */
export function unmarkText(text: string): string {
  return text.includes("u0000#") || text.includes(`${NUL}#`) ? text.replace(MARKED_TEXT, "$1") : text;
}

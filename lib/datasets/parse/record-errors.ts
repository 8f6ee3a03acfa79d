/**
 * The wording of record-level errors, shared by every format so a person sees the same sentence
 * whether the bad record came from a file, an NDJSON body or a JSON array.
 */
import { MAX_DEPTH } from "./limits";
import { RecordParseError } from "./types";

/** Where a record sits: its line in the text, its 0-based position among the records, or both. */
export type RecordPlace = { line?: number; index?: number };

export function placeLabel(place: RecordPlace): string {
  const { line, index } = place;
  if (index !== undefined) {
    // People count from 1, code from 0: give both so neither has to convert.
    const record = `Record ${index + 1} (index ${index})`;
    return line === undefined ? record : `${record} on line ${line}`;
  }
  return line === undefined ? "The record" : `Line ${line}`;
}

export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

export function notAnObjectError(value: unknown, place: RecordPlace, advice: string): RecordParseError {
  return new RecordParseError(`${placeLabel(place)} is ${kindOf(value)}, not an object: ${advice}`, place);
}

export function tooDeepError(place: RecordPlace): RecordParseError {
  return new RecordParseError(
    `${placeLabel(place)} is nested deeper than ${MAX_DEPTH} levels: flatten it, or send the deep part as a string`,
    place,
  );
}

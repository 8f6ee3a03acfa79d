/**
 * The ingest endpoint's body to records, all or nothing: the first bad byte, line or record throws a
 * RecordParseError naming where, and no record is returned. The caller has already capped the size
 * and undone any gzip.
 */
import { requireRecord } from "./check-record";
import { parseJsonText } from "./parse-json-text";
import { parseNdjsonText } from "./parse-ndjson-text";
import { kindOf } from "./record-errors";
import { type DataRecord, RecordParseError } from "./types";
import { decodeUtf8 } from "./utf8";

export const SUPPORTED_INGEST_TYPES = [
  "application/json",
  "application/x-ndjson",
  "application/ndjson",
  "application/jsonl",
] as const;

const NDJSON_TYPES: ReadonlySet<string> = new Set(SUPPORTED_INGEST_TYPES.slice(1));

const EMPTY_BODY = "The body is empty: send one JSON object, an array of objects, or NDJSON";
const JSON_ADVICE = "every record must be a JSON object";

/**
 * The media type without parameters. A charset parameter is accepted and ignored: JSON is UTF-8 by
 * definition (RFC 8259 §8.1, which also says a charset parameter has no effect), and the bytes are
 * checked to be UTF-8 whatever the header claims.
 */
function mediaType(contentType: string): string {
  return (contentType.split(";", 1)[0] ?? "").trim().toLowerCase();
}

export function isSupportedIngestType(contentType: string): boolean {
  return (SUPPORTED_INGEST_TYPES as readonly string[]).includes(mediaType(contentType));
}

export function parseIngestBody(body: Uint8Array, contentType: string): DataRecord[] {
  const type = mediaType(contentType);
  if (!isSupportedIngestType(type)) {
    throw new RecordParseError(
      `Content-Type ${JSON.stringify(type.slice(0, 100))} is not supported: use ${SUPPORTED_INGEST_TYPES.join(", ")}`,
    );
  }
  const text = decodeUtf8(body, "body");
  if (!/[^ \t\r\n]/.test(text)) throw new RecordParseError(EMPTY_BODY);
  return NDJSON_TYPES.has(type) ? parseNdjsonText(text) : parseJsonBody(text);
}

/** One object, or an array of objects. */
function parseJsonBody(text: string): DataRecord[] {
  const { shape, values } = parseJsonText(text, {
    placeOf: (index, shape) => (shape === "array" ? { index } : {}),
    syntaxError: (problem) => {
      if (!problem)
        return new RecordParseError(
          "The body is not valid JSON: send one JSON object or an array of objects",
        );
      const where = `line ${problem.line}, column ${problem.column}`;
      if (problem.trailing) {
        return new RecordParseError(
          `Unexpected data after the JSON ${text.trimStart().startsWith("[") ? "array" : "value"} at ${where}: send one JSON value, or NDJSON (Content-Type: application/x-ndjson) for one object per line`,
          { line: problem.line },
        );
      }
      return new RecordParseError(
        `Line ${problem.line}, column ${problem.column}: ${problem.reason} — send one JSON object or an array of objects`,
        { line: problem.line },
      );
    },
  });
  if (shape === "value") {
    const value = values[0];
    if (typeof value !== "object" || value === null) {
      throw new RecordParseError(
        `The body is ${kindOf(value)}, not an object: send one JSON object or an array of objects`,
      );
    }
    return [requireRecord(value, {}, JSON_ADVICE)];
  }
  return values.map((value, index) => requireRecord(value, { index }, JSON_ADVICE));
}

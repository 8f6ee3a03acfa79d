/**
 * Shapes shared by every dataset parser: the ingest endpoint, file uploads and schema inference.
 *
 * Numbers arrive exactly as written: a JS number when it writes back as the same text, otherwise an
 * ExactNumber holding the text (lib/json/exact-json.ts). JSON.parse would silently turn
 * 12345678901234567891 into 12345678901234567000 and 1e400 into null; a record must reach its API
 * as the user sent it.
 */

/** One record: a JSON object. */
export type DataRecord = Record<string, unknown>;

export type FileFormat = "json" | "ndjson" | "csv";

export type CsvOptions = {
  /** "auto" (the default) picks `,` `;` tab or `|`, whichever the header line uses most. */
  delimiter?: "auto" | "," | ";" | "\t" | "|";
  /** Type numbers and booleans; default false: every value is the string the file holds. */
  typed?: boolean;
};

/**
 * Input that cannot become records. The message is for the person who sent it: it names where
 * (line, record) and what to do; `location` carries the same place for code.
 */
export class RecordParseError extends Error {
  constructor(
    message: string,
    readonly location?: { line?: number; index?: number },
  ) {
    super(message);
    this.name = "RecordParseError";
  }
}

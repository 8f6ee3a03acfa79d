/**
 * Shapes shared by every dataset parser: the ingest endpoint, file uploads and schema inference.
 *
 * Integers beyond Number.MAX_SAFE_INTEGER (2^53 - 1) arrive as decimal strings, never as rounded
 * numbers: JSON.parse would silently turn 12345678901234567891 into 12345678901234567000, and an
 * id that changes on its way through Outflow is worse than one whose type changes. Only plain
 * integer literals are kept this way; fractions and exponents (1.5, 1e30) stay numbers.
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

/**
 * One NDJSON line to one record, with errors that name the line. Shared by the ingest endpoint and
 * file uploads so both answer a bad line with the same sentence.
 */
import { requireRecord } from "./check-record";
import type { JsonSyntaxProblem } from "./json-syntax-error";
import { type JsonTextContext, parseJsonText } from "./parse-json-text";
import type { RecordPlace } from "./record-errors";
import { type DataRecord, RecordParseError } from "./types";

const ADVICE = "each line must be one JSON object";

export function parseJsonLine(line: string, lineNumber: number): DataRecord {
  const context = new LineContext(lineNumber);
  const { shape, values } = parseJsonText(line, context);
  if (shape === "array") requireRecord(values, context.place, ADVICE);
  return requireRecord(values[0], context.place, ADVICE);
}

/** Blank lines (empty, or whitespace only) are allowed between records and skipped. */
export function isBlankLine(line: string): boolean {
  return line.length === 0 || /^[ \t\r\n]*$/.test(line);
}

/** A class rather than closures: this runs once per line, and methods on a prototype cost nothing. */
class LineContext implements JsonTextContext {
  readonly place: RecordPlace;

  constructor(private readonly lineNumber: number) {
    this.place = { line: lineNumber };
  }

  placeOf(): RecordPlace {
    return this.place;
  }

  syntaxError(problem: JsonSyntaxProblem | undefined): RecordParseError {
    const message = problem
      ? `Line ${this.lineNumber}, column ${problem.column}: ${problem.reason} — ${ADVICE}`
      : `Line ${this.lineNumber}: not valid JSON — ${ADVICE}`;
    return new RecordParseError(message, this.place);
  }
}

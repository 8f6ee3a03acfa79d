/**
 * An NDJSON file, streamed: lines are cut across chunk boundaries, and a line still open is held
 * back until its newline arrives, up to MAX_RECORD_CHARS (a file without newlines must not be held
 * in memory whole).
 */
import { MAX_RECORD_CHARS, MAX_RECORD_SIZE_LABEL } from "./limits";
import { isBlankLine, parseJsonLine } from "./parse-json-line";
import type { ParsedChunk } from "./parsed-chunk";
import { type DataRecord, RecordParseError } from "./types";

export async function* parseNdjsonStream(texts: AsyncIterable<string>): AsyncGenerator<ParsedChunk> {
  let carry = "";
  let lineNumber = 1;
  let anyRecord = false;
  let records: DataRecord[] = [];
  const take = (line: string) => {
    if (!isBlankLine(line)) records.push(parseJsonLine(line, lineNumber));
    lineNumber++;
  };

  for await (const text of texts) {
    const newline = text.indexOf("\n");
    if (newline === -1) {
      carry += text;
    } else {
      take(carry + text.slice(0, newline));
      let start = newline + 1;
      for (let next = text.indexOf("\n", start); next !== -1; next = text.indexOf("\n", start)) {
        take(text.slice(start, next));
        start = next + 1;
      }
      carry = text.slice(start);
    }
    if (carry.length > MAX_RECORD_CHARS) {
      throw new RecordParseError(
        `Line ${lineNumber} is longer than ${MAX_RECORD_SIZE_LABEL}: each line must be one JSON object of a reasonable size`,
        { line: lineNumber },
      );
    }
    if (records.length > 0) {
      anyRecord = true;
      yield { records, chars: text.length };
      records = [];
    }
  }
  if (carry.length > 0) take(carry);
  if (records.length > 0) {
    anyRecord = true;
    yield { records, chars: carry.length };
  }
  if (!anyRecord) throw new RecordParseError("The file is empty: NDJSON needs one JSON object per line");
}

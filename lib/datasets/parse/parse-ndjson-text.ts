/**
 * NDJSON held in memory (an ingest body): one object per line, blank lines skipped, CRLF accepted.
 */
import { isBlankLine, parseJsonLine } from "./parse-json-line";
import type { DataRecord } from "./types";

export function parseNdjsonText(text: string): DataRecord[] {
  const records: DataRecord[] = [];
  let lineNumber = 1;
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    // JSON.parse accepts the trailing "\r" of a CRLF line as whitespace, so it needs no stripping.
    const line = text.slice(start, end);
    if (!isBlankLine(line)) records.push(parseJsonLine(line, lineNumber));
    if (newline === -1) break;
    start = newline + 1;
    lineNumber++;
  }
  return records;
}

/**
 * A CSV file, streamed, with a header row giving the keys.
 *
 * papaparse's low-level Parser does the splitting (quotes, escaped quotes, delimiters and line
 * breaks inside quoted fields). We drive it ourselves instead of through Papa.parse's streaming
 * mode because that mode re-parses an unfinished row from its start on every chunk, without limit:
 * an unclosed quote makes it quadratic and holds the rest of the file. Here the unfinished tail is
 * capped at MAX_RECORD_CHARS and re-parsed only once the text waiting has doubled, so the work stays
 * linear. We also count lines ourselves so errors name the line a person sees in an editor.
 */

import Papa from "papaparse";
import { reordersKeys, withKeyOrder } from "@/lib/json/key-order";
import { setField } from "./check-record";
import { type CsvNewline, detectDelimiter, findFirstRowEnd, uniqueHeaderNames } from "./csv-header";
import { typeCsvValue } from "./csv-value";
import { MAX_RECORD_CHARS, MAX_RECORD_SIZE_LABEL } from "./limits";
import type { ParsedChunk } from "./parsed-chunk";
import { type CsvOptions, type DataRecord, RecordParseError } from "./types";

/** Text gathered before papaparse is called, so tiny chunks do not mean a call per byte. */
const MIN_PARSE_CHARS = 64 * 1024;

type PapaError = { code: string; row: number };
type PapaResult = { data: string[][]; errors: PapaError[]; meta: { cursor: number } };

type Layout = {
  parser: { parse(input: string, baseIndex: number, ignoreLastRow: boolean): PapaResult };
  keys: string[];
  delimiter: string;
  /** The character counted to number lines: "\n", or "\r" for files that break lines with CR alone. */
  lineChar: string;
};

export async function* parseCsvStream(
  texts: AsyncIterable<string>,
  options: CsvOptions = {},
): AsyncGenerator<ParsedChunk> {
  const typed = options.typed === true;
  let pending = "";
  let waitFor = 0;
  let line = 1;
  let layout: Layout | undefined;

  const step = (final: boolean): ParsedChunk | undefined => {
    layout ??= readHeader(final);
    if (!layout) {
      tooLongCheck(pending.length, line);
      waitFor = Math.max(MIN_PARSE_CHARS, 2 * pending.length);
      return undefined;
    }
    const result = layout.parser.parse(pending, 0, !final);
    const consumed = final ? pending.length : result.meta.cursor;
    const records = toRecords(result, layout);
    pending = pending.slice(consumed);
    tooLongCheck(pending.length, line);
    waitFor = Math.max(MIN_PARSE_CHARS, 2 * pending.length);
    return records.length > 0 ? { records, chars: consumed } : undefined;
  };

  /** Skips blank lines before the header, then reads it; undefined while it is not complete. */
  const readHeader = (final: boolean): Layout | undefined => {
    for (;;) {
      const first = findFirstRowEnd(pending, final);
      if (!first) return undefined;
      const headerLine = pending.slice(0, first.end);
      if (!/^[ \t]*$/.test(headerLine)) return createLayout(headerLine, first.newline, first.next);
      pending = pending.slice(first.next);
      line++;
      if (first.next === first.end) return undefined;
    }
  };

  const createLayout = (headerLine: string, newline: CsvNewline, end: number): Layout => {
    const chosen = options.delimiter ?? "auto";
    const delimiter = chosen === "auto" ? detectDelimiter(headerLine) : chosen;
    const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' }) as unknown as Layout["parser"];
    const fields = parser.parse(headerLine, 0, false).data[0] ?? [];
    const lineChar = newline === "\r" ? "\r" : "\n";
    line += 1 + countIn(headerLine, lineChar);
    pending = pending.slice(end);
    return { parser, keys: uniqueHeaderNames(fields), delimiter, lineChar };
  };

  const toRecords = (result: PapaResult, { keys, delimiter, lineChar }: Layout): DataRecord[] => {
    const firstError = new Map<number, PapaError>();
    for (const error of result.errors) if (!firstError.has(error.row)) firstError.set(error.row, error);
    const records: DataRecord[] = [];
    // Columns named like "2024" stay where the header put them (lib/json/key-order.ts).
    const keepOrder = reordersKeys(keys);
    result.data.forEach((row, index) => {
      const rowLine = line;
      for (const field of row) line += countIn(field, lineChar);
      line++;
      const error = firstError.get(index);
      if (error) throw quoteError(error, rowLine);
      if (row.length === 1 && row[0] === "") return;
      if (row.length > keys.length) {
        throw new RecordParseError(
          `Line ${rowLine}: ${row.length} fields, but the header has ${keys.length} — quote values that contain ${describeDelimiter(delimiter)}`,
          { line: rowLine },
        );
      }
      const record: DataRecord = {};
      for (let i = 0; i < row.length; i++) {
        const raw = row[i] as string;
        setField(record, keys[i] as string, typed ? typeCsvValue(raw) : raw);
      }
      records.push(keepOrder ? withKeyOrder(record, keys) : record);
    });
    return records;
  };

  for await (const text of texts) {
    pending += text;
    // Past the cap, parse at once: an unfinished row that long is refused, not waited for.
    if (pending.length < waitFor && pending.length <= MAX_RECORD_CHARS) continue;
    const chunk = step(false);
    if (chunk) yield chunk;
  }
  const chunk = step(true);
  if (!layout)
    throw new RecordParseError("The file is empty: a CSV file needs a header row naming its columns");
  if (chunk) yield chunk;
}

function tooLongCheck(length: number, line: number): void {
  if (length > MAX_RECORD_CHARS) {
    throw new RecordParseError(
      `Line ${line}: a row is longer than ${MAX_RECORD_SIZE_LABEL} — is a quote left open? A quoted field ends with " followed by the delimiter or a line break`,
      { line },
    );
  }
}

function quoteError(error: PapaError, line: number): RecordParseError {
  const message =
    error.code === "MissingQuotes"
      ? `Line ${line}: a quoted field is never closed — every " that opens a field needs a closing "`
      : `Line ${line}: a quoted field has text after its closing quote — inside quotes, write a quote as ""`;
  return new RecordParseError(message, { line });
}

function countIn(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++;
  return count;
}

function describeDelimiter(delimiter: string): string {
  return delimiter === "\t" ? "a tab" : `'${delimiter}'`;
}

/**
 * A JSON file, streamed: an array of objects (elements handed on as they complete) or one object.
 *
 * The tokenizer is fed line by line (long lines in 64 KiB slices). That costs little and buys exact
 * line numbers in errors: the tokenizer's own errors carry no position, but we always know which
 * line we were feeding when it threw. Slicing also bounds its buffers between our checks, so a
 * depth bomb or a never-ending string is refused early instead of filling memory.
 */
import { requireRecord } from "./check-record";
import { jsonSyntaxReason } from "./json-syntax-error";
import { JsonTokenAssembler } from "./json-token-assembler";
import { createJsonTokenizer } from "./json-tokenizer";
import { MAX_RECORD_CHARS, MAX_RECORD_SIZE_LABEL, TOKENIZER_SLICE_CHARS } from "./limits";
import type { ParsedChunk } from "./parsed-chunk";
import { placeLabel } from "./record-errors";
import { type DataRecord, RecordParseError } from "./types";

const ADVICE = "every record must be a JSON object";
const SHAPE_ADVICE = "the file must hold a JSON array of objects, or one JSON object";

export async function* parseJsonStream(texts: AsyncIterable<string>): AsyncGenerator<ParsedChunk> {
  const tokenizer = createJsonTokenizer();
  let line = 1;
  let records: DataRecord[] = [];
  let charsFed = 0;
  let charsYielded = 0;
  // Where the record being built began (to the slice), to refuse records over MAX_RECORD_CHARS.
  let recordStart = 0;
  let recordsSeen = 0;
  let sawContent = false;

  const assembler = new JsonTokenAssembler(
    (value, index) => {
      if (assembler.shape === "value" && (typeof value !== "object" || value === null)) {
        throw new RecordParseError(`The file holds ${kindOfTop(value)}: ${SHAPE_ADVICE}`, { line });
      }
      records.push(requireRecord(value, { line, index }, ADVICE));
    },
    (index) => ({ line, index }),
  );

  const feed = (slice: string, atEnd: boolean) => {
    const before = charsFed;
    if (!sawContent) sawContent = /[^ \t\r\n]/.test(slice);
    let tokens: ReturnType<typeof tokenizer.write>;
    try {
      tokens = atEnd ? tokenizer.end() : tokenizer.write(slice);
    } catch (error) {
      throw syntaxError(error, line, assembler, atEnd);
    }
    charsFed += slice.length;
    for (const token of tokens) assembler.push(token);
    if (assembler.started !== recordsSeen) {
      recordsSeen = assembler.started;
      recordStart = before;
    }
    if (assembler.inRecord && charsFed - recordStart > MAX_RECORD_CHARS) {
      const place = { line, index: assembler.started - 1 };
      throw new RecordParseError(
        `${placeLabel(place)} is larger than ${MAX_RECORD_SIZE_LABEL}: split it into smaller records`,
        place,
      );
    }
  };

  for await (const text of texts) {
    let start = 0;
    while (start < text.length) {
      const newline = text.indexOf("\n", start);
      const end = newline === -1 ? text.length : newline + 1;
      for (let from = start; from < end; from += TOKENIZER_SLICE_CHARS) {
        feed(text.slice(from, Math.min(end, from + TOKENIZER_SLICE_CHARS)), false);
      }
      if (newline !== -1) line++;
      start = end;
    }
    if (records.length > 0) {
      yield { records, chars: charsFed - charsYielded };
      records = [];
      charsYielded = charsFed;
    }
  }
  if (!sawContent) {
    throw new RecordParseError(`The file is ${charsFed === 0 ? "empty" : "blank"}: ${SHAPE_ADVICE}`);
  }
  feed("", true);
  if (records.length > 0) yield { records, chars: charsFed - charsYielded };
}

function syntaxError(error: unknown, line: number, assembler: JsonTokenAssembler, atEnd: boolean): Error {
  if (error instanceof RecordParseError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (!/^Parser /.test(message)) return error instanceof Error ? error : new Error(message);
  const reason = jsonSyntaxReason(message);
  if (/unexpected characters/.test(message)) {
    const what = assembler.shape === "array" ? "array" : "object";
    return new RecordParseError(
      `Unexpected data after the JSON ${what} at line ${line}: the file must hold one JSON ${what} (for one object per line, save it as .ndjson)`,
      { line },
    );
  }
  if (atEnd) {
    return new RecordParseError(
      `The file ends in the middle of its JSON (line ${line}: ${reason}): it may have been cut short, upload the complete file`,
      { line },
    );
  }
  // The tokens of the line that failed are lost with the error, so only a record begun on an
  // earlier line can be named.
  const place = assembler.inRecord ? { line, index: assembler.started - 1 } : { line };
  return new RecordParseError(`${placeLabel(place)}: ${reason} — ${SHAPE_ADVICE}`, place);
}

function kindOfTop(value: unknown): string {
  return value === null ? "only null" : `a single ${typeof value}`;
}

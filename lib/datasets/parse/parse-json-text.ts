/**
 * Parses one whole JSON text held in memory: an ingest body or one NDJSON line.
 *
 * Fast path: JSON.parse, then one walk over the result for depth. Exact path, taken only when the
 * text may hold a number JSON.parse would change (see lib/json/exact-json.ts): stream-json's
 * tokenizer, which hands numbers over as text, fed in slices so a depth bomb is refused before the
 * tokenizer's own stack grows with it.
 */
import { mayHoldInexactNumber } from "@/lib/json/exact-json";
import { keepWrittenKeyOrder } from "@/lib/json/key-order";
import { inspectParsed } from "./inspect-parsed";
import { type JsonSyntaxProblem, locateJsonSyntaxError } from "./json-syntax-error";
import { JsonTokenAssembler, type TopLevelShape } from "./json-token-assembler";
import { createJsonTokenizer } from "./json-tokenizer";
import { TOKENIZER_SLICE_CHARS } from "./limits";
import { type RecordPlace, tooDeepError } from "./record-errors";
import { RecordParseError } from "./types";

export type ParsedJsonText = {
  shape: TopLevelShape;
  /**
   * The top-level array's elements, or the one top-level value: nested no deeper than MAX_DEPTH,
   * numbers exact, but not yet checked to be objects.
   */
  values: unknown[];
};

export type JsonTextContext = {
  placeOf: (index: number, shape: TopLevelShape) => RecordPlace;
  syntaxError: (problem: JsonSyntaxProblem | undefined) => RecordParseError;
};

export function parseJsonText(text: string, context: JsonTextContext): ParsedJsonText {
  if (mayHoldInexactNumber(text)) return parseExactly(text, context);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw context.syntaxError(locateJsonSyntaxError(text));
  }
  const parsed: ParsedJsonText = Array.isArray(value)
    ? { shape: "array", values: value }
    : { shape: "value", values: [value] };
  for (let index = 0; index < parsed.values.length; index++) {
    const item = parsed.values[index];
    if (typeof item !== "object" || item === null) continue;
    if (inspectParsed(item) === "too-deep") throw tooDeepError(context.placeOf(index, parsed.shape));
  }
  // Once its depth is known to be bounded: keys such as "2024" stay where they were written.
  const kept = keepWrittenKeyOrder(value, text);
  return parsed.shape === "array" ? parsed : { shape: "value", values: [kept] };
}

function parseExactly(text: string, context: JsonTextContext): ParsedJsonText {
  const values: unknown[] = [];
  const assembler = new JsonTokenAssembler(
    (value) => values.push(value),
    (index) => context.placeOf(index, assembler.shape ?? "value"),
  );
  const tokenizer = createJsonTokenizer();
  try {
    for (let start = 0; start < text.length; start += TOKENIZER_SLICE_CHARS) {
      for (const token of tokenizer.write(text.slice(start, start + TOKENIZER_SLICE_CHARS)))
        assembler.push(token);
    }
    for (const token of tokenizer.end()) assembler.push(token);
  } catch (error) {
    if (error instanceof RecordParseError) throw error;
    throw context.syntaxError(locateJsonSyntaxError(text));
  }
  return { shape: assembler.shape ?? "value", values };
}

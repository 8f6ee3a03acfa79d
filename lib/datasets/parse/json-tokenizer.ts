/**
 * stream-json's bare tokenizer (no Node streams, no UTF-8 front: text is already decoded and checked
 * by us) behind two plain calls. Keys, strings and numbers come packed, one token each, and numbers
 * as their source text, which is what keeps big integers exact.
 */
import { getManyValues, none } from "stream-chain/defs.js";
import { jsonParser, type Token } from "stream-json/core/parser.js";

export type JsonTokenizer = {
  /** Tokens completed by this text; a value cut at the end waits for the next call. */
  write(text: string): Token[];
  /** Tokens still held back; throws when the text ended inside a value. */
  end(): Token[];
};

const NO_TOKENS: Token[] = [];

export function createJsonTokenizer(): JsonTokenizer {
  // Typed for text only; `none` is how stream-chain asks a stage to flush.
  const tokenize = jsonParser({ packValues: true, streamValues: false }) as unknown as (
    input: string | typeof none,
  ) => ReturnType<ReturnType<typeof jsonParser>>;
  const run = (input: string | typeof none): Token[] => {
    const out = tokenize(input);
    return out === none ? NO_TOKENS : getManyValues(out);
  };
  return { write: (text) => run(text), end: () => run(none) };
}

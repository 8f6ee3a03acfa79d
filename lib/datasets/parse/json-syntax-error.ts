/**
 * Plain-words JSON syntax errors with a line and column. JSON.parse's messages differ between Node
 * versions and echo slices of the input; stream-json's verifier gives a stable reason and an exact
 * position. It is slower than JSON.parse, so it only runs once a text is known to be bad.
 */
import { none } from "stream-chain/defs.js";
import { jsonVerifier } from "stream-json/core/utils/verifier.js";

export type JsonSyntaxProblem = {
  line: number;
  column: number;
  /** What is wrong, in words, e.g. "expected ',' but found '}'". */
  reason: string;
  /** Text follows a complete JSON value. */
  trailing: boolean;
};

export function locateJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  // Typed for text only; `none` is how stream-chain asks a stage to finish.
  const verify = jsonVerifier() as unknown as (input: string | typeof none) => unknown;
  try {
    verify(text);
    verify(none);
    return undefined;
  } catch (error) {
    const { line, pos, offset, message } = error as Error & { line?: number; pos?: number; offset?: number };
    if (typeof line !== "number" || typeof pos !== "number" || typeof offset !== "number") return undefined;
    const reason = jsonSyntaxReason(message);
    const trailing = /unexpected characters/.test(message);
    if (/unexpected token/.test(message) && offset < text.length) {
      return { line, column: pos, reason: unexpectedToken(text, offset), trailing };
    }
    const found = offset < text.length ? `found ${describeChar(text, offset)}` : "the text ends";
    return { line, column: pos, reason: trailing ? reason : `${reason} but ${found}`, trailing };
  }
}

/** stream-json's tokenizer and verifier messages, reworded for people. */
export function jsonSyntaxReason(message: string): string {
  const bare = message
    .replace(/^ERROR at [^:]*: /, "")
    .replace(/^(Parser|Verifier) (cannot parse input: )?/, "");
  switch (bare) {
    case "escaped characters":
      return "a string holds a bad escape or an unescaped control character";
    case "has expected a string value":
      return "a string is not closed";
    case "has expected a value":
      return "a value is missing";
    case "has expected an exponent value of a number":
    case "expected an exponent part of a number":
      return "a number's exponent is incomplete";
    case "expected an object key":
      return "expected a property name in double quotes";
    case "unexpected characters":
      return "unexpected data after the end of the JSON value";
    default: {
      // Where the character before is unknown (a streamed file), the likeliest cause is named.
      const token = bare.match(/^unexpected token (.+)$/)?.[1];
      if (token) return `${token} is not expected here: is there a trailing comma before it?`;
      return bare.replace(/^has /, "");
    }
  }
}

/** A token where none may stand; most often a closing bracket after a comma. */
function unexpectedToken(text: string, offset: number): string {
  const token = describeChar(text, offset);
  const before = text.slice(0, offset).trimEnd().at(-1);
  return before === ","
    ? `a comma is followed by ${token}: remove the trailing comma`
    : `${token} is not expected here`;
}

function describeChar(text: string, offset: number): string {
  const code = text.codePointAt(offset) as number;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0xfeff) {
    return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return `'${String.fromCodePoint(code)}'`;
}

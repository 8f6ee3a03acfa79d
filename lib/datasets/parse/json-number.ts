/**
 * Exact integers. JSON.parse rounds integer literals beyond 2^53 - 1 without a word
 * (12345678901234567891 becomes 12345678901234567000); we keep those as their decimal string
 * instead (see types.ts).
 *
 * The common path stays JSON.parse, native and several times faster than any JS tokenizer. We
 * walk its result anyway for the depth limit, and that walk also spots any number whose magnitude
 * is beyond 2^53 - 1: rounding is monotonic, so an integer literal that big can only come out at
 * least as big. Only then is the text parsed again with stream-json's tokenizer, which hands numbers
 * over as their source text, and numberFromLiteral decides. A false alarm (1e300 is a big number
 * but not an integer literal) costs the slower parse, never a wrong value.
 */

/** A JSON number literal as a number, or as its own text when it is an integer too big to be exact. */
export function numberFromLiteral(literal: string): number | string {
  const value = Number(literal);
  if (literal.length >= 16 && !Number.isSafeInteger(value) && isIntegerLiteral(literal)) return literal;
  return value;
}

function isIntegerLiteral(literal: string): boolean {
  return !/[.eE]/.test(literal);
}

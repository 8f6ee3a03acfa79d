/**
 * Mapping expressions in JSONata (https://jsonata.org): a maintained JSON query and transform
 * language with no I/O. Each evaluation runs under a time and depth limit, and the functions that
 * would make a record's request differ from one build to the next ($now, $millis, $random) are
 * replaced, so the preview stays byte for byte what a run sends.
 */

import jsonata from "jsonata";
import {
  computable,
  type ExactNumber,
  isExactNumber,
  parseJson,
  stringifyJson,
  unmarkText,
  whyNotADouble,
} from "@/lib/json/exact-json";

/** Per record and expression: generous for real mappings, short enough that a loop cannot stall a run. */
export const EXPRESSION_TIMEOUT_MS = 250;
const EXPRESSION_MAX_DEPTH = 200;

export class ExpressionError extends Error {}

type Compiled = ReturnType<typeof jsonata>;
const compiled = new Map<string, Compiled>();
const MAX_CACHED = 500;

const NOT_DETERMINISTIC = ["now", "millis", "random"];

/** The compiled expression, or an ExpressionError saying where its syntax is wrong. */
export function compileExpression(source: string): Compiled {
  const known = compiled.get(source);
  if (known) return known;
  if (source.trim() === "") throw new ExpressionError("Enter an expression, e.g. user.email.");
  let expression: Compiled;
  try {
    expression = jsonata(source, { timeout: EXPRESSION_TIMEOUT_MS, stack: EXPRESSION_MAX_DEPTH } as never);
  } catch (error) {
    throw new ExpressionError(explain(error));
  }
  for (const name of NOT_DETERMINISTIC) {
    expression.registerFunction(name, () => {
      throw {
        code: "OUTFLOW",
        message: `$${name}() is not available: a request must be the same each time it is built.`,
      };
    });
  }
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(source, expression);
  return expression;
}

export async function evaluateExpression(source: string, record: unknown): Promise<unknown> {
  const expression = compileExpression(source);
  const input = computable(record);
  try {
    const value = await expression.evaluate(input);
    // JSONata returns its sequences as arrays with extra flags; hand on plain JSON, numbers exact.
    return value === undefined ? undefined : withNumbersAsWritten(parseJson(stringifyJson(value)));
  } catch (error) {
    // Arithmetic met a number no double holds: say which, rather than only "must be a number".
    const exact = (error as { code?: string }).code?.startsWith("T") ? firstInexact(input) : null;
    const why = exact ? whyNotADouble(exact) : null;
    throw new ExpressionError(
      `${explain(error)}${why ? `. The record's ${why}: map that field as it is, or as text.` : ""}`,
    );
  }
}

/** The first number in the value that a double cannot hold (computable() left those as they were). */
function firstInexact(value: unknown): ExactNumber | null {
  if (isExactNumber(value)) return value;
  if (typeof value !== "object" || value === null) return null;
  for (const item of Object.values(value)) {
    const found = firstInexact(item);
    if (found) return found;
  }
  return null;
}

function withNumbersAsWritten(value: unknown): unknown {
  if (typeof value === "string") return unmarkText(value);
  if (Array.isArray(value)) return value.map(withNumbersAsWritten);
  if (typeof value === "object" && value !== null && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withNumbersAsWritten(item)]));
  }
  return value;
}

/** JSONata's errors as a sentence: `{code, message, position}` objects, not Error instances. */
function explain(error: unknown): string {
  const detail = error as { code?: string; message?: string; position?: number };
  if (detail.code === "D1012") return `The expression ran longer than ${EXPRESSION_TIMEOUT_MS} ms.`;
  if (detail.code === "D1011") return "The expression nests too deeply (endless recursion?).";
  const where =
    typeof detail.position === "number" && detail.code !== "OUTFLOW"
      ? ` (at character ${detail.position})`
      : "";
  return `${detail.message ?? String(error)}${where}`;
}

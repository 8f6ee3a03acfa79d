/**
 * Mapping expressions in JSONata (https://jsonata.org): a maintained JSON query and transform
 * language with no I/O. Each evaluation runs under a time and depth limit, and the functions that
 * would make a record's request differ from one build to the next ($now, $millis, $random) are
 * replaced, so the preview stays byte for byte what a run sends.
 */

import jsonata from "jsonata";
import { parseJson, stringifyJson } from "@/lib/json/exact-json";

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
  try {
    const value = await expression.evaluate(record);
    // JSONata returns its sequences as arrays with extra flags; hand on plain JSON, numbers exact.
    return value === undefined ? undefined : parseJson(stringifyJson(value));
  } catch (error) {
    throw new ExpressionError(explain(error));
  }
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

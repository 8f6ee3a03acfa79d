/**
 * A CSV cell typed on request. Only text that means one thing becomes a number: JSON's own number
 * syntax, so "007" (a code, not seven), "+1", ".5", "1,5" and " 12" stay strings; a number is kept
 * exactly as the cell writes it ("1.50", 12345678901234567890123: see lib/json/exact-json.ts).
 * "true" and "false" (any case, as spreadsheets write TRUE) become booleans. An empty cell stays "":
 * absent and empty are different things.
 */
import { type ExactNumber, numberFromLiteral } from "@/lib/json/exact-json";

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

export function typeCsvValue(raw: string): string | number | ExactNumber | boolean {
  const first = raw.charCodeAt(0);
  if ((first >= 48 && first <= 57) || first === 45) {
    return JSON_NUMBER.test(raw) ? numberFromLiteral(raw) : raw;
  }
  if (raw.length === 4 || raw.length === 5) {
    const lower = raw.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
  }
  return raw;
}

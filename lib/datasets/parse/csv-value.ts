/**
 * A CSV cell typed on request. Only text that means one thing becomes a number: JSON's own number
 * syntax, so "007" (a code, not seven), "+1", ".5", "1,5" and " 12" stay strings; so do numbers
 * beyond 2^53, which a double cannot hold exactly. "true" and "false" (any case, as spreadsheets
 * write TRUE) become booleans. An empty cell stays "": absent and empty are different things.
 */

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

export function typeCsvValue(raw: string): string | number | boolean {
  const first = raw.charCodeAt(0);
  if ((first >= 48 && first <= 57) || first === 45) {
    if (!JSON_NUMBER.test(raw)) return raw;
    const value = Number(raw);
    return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? value : raw;
  }
  if (raw.length === 4 || raw.length === 5) {
    const lower = raw.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
  }
  return raw;
}

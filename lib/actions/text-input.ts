/**
 * Text no field can hold. Postgres refuses the NUL character in text and jsonb ("invalid byte
 * sequence", 22P05), so a NUL in any field is reported on that field before anything is stored.
 */
export const NUL_MESSAGE = "Remove the NUL character (\\u0000) from this field: Outflow cannot store it.";

/** The dotted paths (as zod names fields) of every string in `input` that contains a NUL. */
export function pathsWithNul(input: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: (string | number)[], depth: number) => {
    if (typeof value === "string") {
      if (value.includes("\u0000")) found.push(path.join("."));
    } else if (Array.isArray(value)) {
      if (depth < 32) {
        for (const [index, item] of value.entries()) walk(item, [...path, index], depth + 1);
      }
    } else if (value !== null && typeof value === "object") {
      if (depth < 32) for (const [key, item] of Object.entries(value)) walk(item, [...path, key], depth + 1);
    }
  };
  walk(input, [], 0);
  return found;
}

export const SINGLE_LINE_MESSAGE = "Use a single line: remove the line breaks and tabs.";

/** For names and other one-line fields (use with zod's refine): no CR, LF or tab inside. */
export function isSingleLine(value: string | undefined): boolean {
  return value === undefined || !/[\r\n\t]/.test(value);
}

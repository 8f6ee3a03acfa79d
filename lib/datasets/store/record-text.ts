import { isExactNumber, unmarkExactNumbers } from "@/lib/json/exact-json";

// What JSON.stringify writes for the two things a JSON string may hold but Postgres may not: NUL
// (`\u0000`, text cannot hold it) and unpaired UTF-16 surrogates (`\ud800`, not Unicode). A
// literal backslash before `u0000`, and the marks of exact numbers, also match; the exact check
// below then finds nothing.
const SUSPICIOUS_ESCAPE = /\\u(?:0000|d[89a-f])/i;

export type RecordText = { json: string } | { problem: string };

/**
 * The record as the JSON text to store (keys in the record's order, numbers as written), or why
 * Postgres would refuse it, naming where in the record the offending string is.
 */
export function toRecordText(record: unknown): RecordText {
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    return { problem: "is not a JSON object" };
  }
  let json: string;
  try {
    json = JSON.stringify(record);
  } catch (error) {
    return { problem: `cannot be written as JSON (${error instanceof Error ? error.message : error})` };
  }
  if (!SUSPICIOUS_ESCAPE.test(json)) return { json };
  const problem = findUnstorableString(record, "");
  return problem ? { problem } : { json: unmarkExactNumbers(json) };
}

function findUnstorableString(value: unknown, path: string): string | null {
  if (typeof value === "string") return describeString(value, path ? `the value at ${path}` : "a value");
  if (typeof value !== "object" || value === null || isExactNumber(value)) return null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableString(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const keyPath = path ? `${path}.${key}` : key;
    const found =
      describeString(key, `the field name ${JSON.stringify(key)}`) ?? findUnstorableString(item, keyPath);
    if (found) return found;
  }
  return null;
}

function describeString(text: string, where: string): string | null {
  if (text.includes("\u0000"))
    return `has ${where} containing a NUL character (\\u0000), which cannot be stored`;
  if (!text.isWellFormed()) {
    return `has ${where} containing an unpaired UTF-16 surrogate, which is not valid Unicode`;
  }
  return null;
}

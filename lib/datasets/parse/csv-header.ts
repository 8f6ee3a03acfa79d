/**
 * Reading a CSV file's first row before papaparse takes over: where it ends, which line break and
 * which delimiter the file uses, and the header names made usable as record keys.
 */

export type CsvDelimiter = "," | ";" | "\t" | "|";
export type CsvNewline = "\n" | "\r\n" | "\r";

/** In order of preference when two are used equally often. */
const DELIMITERS: readonly CsvDelimiter[] = [",", "\t", ";", "|"];

const QUOTE = 34;
const LF = 10;
const CR = 13;

export type FirstRow = {
  /** Where the row's text ends, before its line break. */
  end: number;
  /** Where the next row starts, after the line break. */
  next: number;
  newline: CsvNewline;
};

/**
 * Where the first row ends and which line break it uses, honouring quoted fields that hold line
 * breaks. Undefined when more text is needed to tell. A last row without a line break reports "\n".
 */
export function findFirstRowEnd(text: string, final: boolean): FirstRow | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // An escaped quote ("") toggles twice, so plain toggling is enough to know "inside quotes".
    if (code === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (code === LF) return { end: i, next: i + 1, newline: "\n" };
    else if (code === CR) {
      if (i + 1 < text.length) {
        return text.charCodeAt(i + 1) === LF
          ? { end: i, next: i + 2, newline: "\r\n" }
          : { end: i, next: i + 1, newline: "\r" };
      }
      return final ? { end: i, next: i + 1, newline: "\r" } : undefined;
    }
  }
  return final ? { end: text.length, next: text.length, newline: "\n" } : undefined;
}

/** The candidate used most often outside quotes in the header line; `,` when none is. */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts = new Map<number, number>(DELIMITERS.map((d) => [d.charCodeAt(0), 0]));
  let quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const code = headerLine.charCodeAt(i);
    if (code === QUOTE) quoted = !quoted;
    else if (!quoted) {
      const count = counts.get(code);
      if (count !== undefined) counts.set(code, count + 1);
    }
  }
  let best: CsvDelimiter = ",";
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = counts.get(delimiter.charCodeAt(0)) ?? 0;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Header names as record keys: trimmed; an empty one becomes `column_<position>`; a repeated one
 * gets `_2`, `_3`... skipping any name the header already uses, so no two columns share a key.
 */
export function uniqueHeaderNames(fields: readonly string[]): string[] {
  const wanted = fields.map((field, i) => field.trim() || `column_${i + 1}`);
  const taken = new Set(wanted);
  const assigned = new Set<string>();
  return wanted.map((name) => {
    let unique = name;
    if (assigned.has(name)) {
      let n = 2;
      while (taken.has(`${name}_${n}`)) n++;
      unique = `${name}_${n}`;
      taken.add(unique);
    }
    assigned.add(unique);
    return unique;
  });
}

/**
 * Body templates, manual mode. A JSON body template is JSON in which `{{record.path}}` stands for
 * a value of the record:
 *  - alone as a value, bare (`{"n": {{record.count}}}`) or as the whole of a string
 *    (`{"n": "{{record.count}}"}`), it is inserted as a typed JSON value: a number stays a number,
 *    an object stays an object, and a missing field becomes null;
 *  - inside a longer string (`"Hi {{record.name}}"`) it is pasted as text, missing → "".
 * The template is parsed once per build; records never go through string pasting into JSON, so a
 * value cannot break out of its place in the document.
 *
 * A text body template (Content Format "text") pastes every value as text: strings as they are,
 * other values as JSON, missing ones as "".
 */

import type { DataRecord } from "@/lib/datasets/parse/types";
import { parseJson, stringifyJson } from "@/lib/json/exact-json";
import { isPlainObject, placeholderPath, RECORD_PLACEHOLDER, readPath } from "./record-path";

export type CompiledJsonTemplate = { render(record: DataRecord): unknown };

/** A placeholder written outside any string; swapped for this marker string before parsing. */
const BARE = "\u0000outflow-placeholder:";

export function compileJsonTemplate(template: string): CompiledJsonTemplate {
  const bare: string[] = [];
  const json = replaceOutsideStrings(template, (placeholder) => {
    bare.push(placeholder);
    return JSON.stringify(`${BARE}${bare.length - 1}`);
  });
  // Throws SyntaxError for a template that is not JSON; validateEndpointConfig reports it.
  // Numbers the template writes are sent as written, as the records' are.
  const tree: unknown = parseJson(json);
  return {
    render: (record) =>
      fill(
        tree,
        (text) => {
          if (text.startsWith(BARE))
            return { value: lookup(record, bare[Number(text.slice(BARE.length))] ?? "") };
          return undefined;
        },
        record,
      ),
  };
}

export function renderTextTemplate(template: string, record: DataRecord): string {
  return template.replace(RECORD_PLACEHOLDER, (_match, suffix: string | undefined) =>
    asText(readPath(record, placeholderPath(suffix))),
  );
}

function fill(
  node: unknown,
  marker: (text: string) => { value: unknown } | undefined,
  record: DataRecord,
): unknown {
  if (typeof node === "string") {
    const marked = marker(node);
    if (marked) return marked.value;
    const whole = node.match(new RegExp(`^${RECORD_PLACEHOLDER.source}$`));
    if (whole) return lookup(record, node);
    return renderTextTemplate(node, record);
  }
  if (Array.isArray(node)) return node.map((item) => fill(item, marker, record));
  if (isPlainObject(node)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      Object.defineProperty(out, renderTextTemplate(key, record), {
        value: fill(value, marker, record),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return node;
}

/** The typed value of a lone placeholder; null when the record has no such field. */
function lookup(record: DataRecord, placeholder: string): unknown {
  const match = new RegExp(RECORD_PLACEHOLDER.source).exec(placeholder);
  const value = match ? readPath(record, placeholderPath(match[1])) : undefined;
  return value === undefined ? null : value;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : stringifyJson(value);
}

/** Replaces placeholders that sit outside JSON string literals, leaving strings untouched. */
function replaceOutsideStrings(text: string, replace: (placeholder: string) => string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (char === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (text.startsWith("{{", i)) {
      const match = new RegExp(RECORD_PLACEHOLDER.source, "y");
      match.lastIndex = i;
      const found = match.exec(text);
      if (found) {
        out += replace(found[0]);
        i += found[0].length;
        continue;
      }
    }
    out += char;
    i++;
  }
  return out;
}

function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === "\\") i += 2;
    else if (text[i] === '"') return i + 1;
    else i++;
  }
  return text.length;
}

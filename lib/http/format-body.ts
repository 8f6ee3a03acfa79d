/**
 * A request or response body made readable without changing a value: JSON indented (numbers as
 * written, lib/json/exact-json.ts), XML indented, NDJSON one record a line, CSV as a table. The
 * Exact view shows the bytes themselves; this is the Formatted one. A body that does not parse as
 * its content type says is shown as it is.
 */
import Papa from "papaparse";
import formatXml from "xml-formatter";
import { parseJson, stringifyJson } from "@/lib/json/exact-json";

export type FormattedBody =
  | { kind: "text"; text: string }
  | { kind: "table"; header: string[]; rows: string[][] };

export function formatBody(body: string, contentType: string | undefined): FormattedBody {
  const type = (contentType ?? "").toLowerCase();
  try {
    if (type.includes("ndjson")) return { kind: "text", text: body.replace(/\n$/, "") };
    if (type.includes("json")) return { kind: "text", text: stringifyJson(parseJson(body), 2) };
    if (type.includes("xml"))
      return {
        kind: "text",
        text: formatXml(body, { indentation: "  ", collapseContent: true, lineSeparator: "\n" }),
      };
    if (type.includes("csv")) return csvTable(body);
  } catch {
    // Not what the content type says: shown as it is.
  }
  return { kind: "text", text: body };
}

function csvTable(body: string): FormattedBody {
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  if (parsed.errors.length > 0 || !header) return { kind: "text", text: body };
  return { kind: "table", header, rows };
}

/** The body's size on the wire (UTF-8). */
export function byteLength(body: string): number {
  return new TextEncoder().encode(body).length;
}

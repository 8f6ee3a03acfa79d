/**
 * Which parser a file needs: its extension decides when it is a known one; otherwise the first
 * bytes do. A `.txt` file says nothing (exports of every kind use it), so it is sniffed too.
 */
import type { FileFormat } from "./types";

const BY_EXTENSION: Record<string, FileFormat> = {
  json: "json",
  ndjson: "ndjson",
  jsonl: "ndjson",
  csv: "csv",
  tsv: "csv",
};

export function detectFileFormat(fileName: string, firstBytes: Uint8Array): FileFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  const known = extension === undefined ? undefined : BY_EXTENSION[extension];
  if (known) return known;
  return sniffFormat(firstBytes);
}

/**
 * `[` starts a JSON array; `{` then, on the next line, another `{` is NDJSON; a lone `{` is one JSON
 * object; anything else readable is taken for CSV. Empty or binary content (a NUL byte) is null.
 */
function sniffFormat(bytes: Uint8Array): FileFormat | null {
  // Non-fatal decoding: the first chunk may end inside a character; validity is checked when parsing.
  const text = new TextDecoder("utf-8").decode(bytes.subarray(0, 64 * 1024));
  if (text.includes("\u0000")) return null;
  const start = text.search(/[^\s\uFEFF]/);
  if (start === -1) return null;
  const first = text[start];
  if (first === "[") return "json";
  if (first !== "{") return "csv";
  const lineEnd = text.indexOf("\n", start);
  if (lineEnd === -1) return "json";
  const next = text.slice(lineEnd + 1).search(/\S/);
  return next !== -1 && text[lineEnd + 1 + next] === "{" ? "ndjson" : "json";
}

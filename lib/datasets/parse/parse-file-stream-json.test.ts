import { describe, expect, it } from "vitest";
import { stringifyJson } from "@/lib/json/exact-json";
import { MAX_RECORD_CHARS } from "./limits";
import { parseFileStream } from "./parse-file-stream";
import { chunked, collect, errorFrom } from "./test-streams";
import { RecordParseError } from "./types";

const parseJson = (text: string | Uint8Array, chunkSize = 64 * 1024, batchSize?: number) =>
  collect(parseFileStream(chunked(text, chunkSize), "json", { batchSize }));

async function jsonError(text: string, chunkSize = 64 * 1024): Promise<RecordParseError> {
  const error = await errorFrom(parseFileStream(chunked(text, chunkSize), "json"));
  expect(error).toBeInstanceOf(RecordParseError);
  return error as RecordParseError;
}

describe("parseFileStream: JSON", () => {
  it("streams an array of objects in batches", async () => {
    const records = Array.from({ length: 25 }, (_, i) => ({ i, name: `n${i}` }));
    const batches = await parseJson(JSON.stringify(records, null, 2), 100, 10);
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(batches.flat()).toEqual(records);
  });

  it("suspects a trailing comma where a closing bracket is not expected", async () => {
    const error = await jsonError('[\n  {"a": 1},\n  {"a": 2},\n]\n');
    expect(error.message).toMatch(/^Line 4: ']' is not expected here: is there a trailing comma before it\?/);
  });

  it("takes a single object as one record", async () => {
    expect(await parseJson('{"a":{"b":[1,2]}}')).toEqual([[{ a: { b: [1, 2] } }]]);
  });

  it("survives 1-byte chunks cutting multi-byte characters, strings and numbers", async () => {
    const records = [
      { name: "Zoë 😀 €", n: -12.5e3, big: "x" },
      { name: "日本", n: 12345 },
    ];
    expect((await parseJson(`\uFEFF${JSON.stringify(records)}`, 1)).flat()).toEqual(records);
  });

  it("keeps numbers exactly as written", async () => {
    const text = '[{"id":12345678901234567891,"n":9007199254740991,"f":0.1,"e":1E5,"z":1.50}]';
    expect(stringifyJson((await parseJson(text)).flat())).toBe(text);
  });

  it("names the line of unexpected data after the array", async () => {
    const error = await jsonError('[\n  {"a": 1}\n]\n\n{"b": 2}\n');
    expect(error.message).toBe(
      "Unexpected data after the JSON array at line 5: the file must hold one JSON array (for one object per line, save it as .ndjson)",
    );
    expect(error.location).toEqual({ line: 5 });
  });

  it("names a record that is not an object", async () => {
    const error = await jsonError('[\n{"a":1},\n{"a":2},\n"x"\n]', 3);
    expect(error.message).toBe(
      "Record 3 (index 2) on line 4 is a string, not an object: every record must be a JSON object",
    );
    expect(error.location).toEqual({ line: 4, index: 2 });
  });

  it("refuses a top-level value that is neither an array nor an object", async () => {
    expect((await jsonError("42")).message).toBe(
      "The file holds a single number: the file must hold a JSON array of objects, or one JSON object",
    );
  });

  it("names the line of a syntax error", async () => {
    const error = await jsonError('[\n{"a":1},\n{"a":1 "b":2}\n]');
    expect(error.message).toBe(
      "Line 3: expected ',' — the file must hold a JSON array of objects, or one JSON object",
    );
  });

  it("says when the file is cut short", async () => {
    expect((await jsonError('[{"a":1},{"a":')).message).toMatch(/^The file ends in the middle of its JSON/);
  });

  it("refuses an empty or blank file", async () => {
    expect((await jsonError("")).message).toMatch(/^The file is empty:/);
    expect((await jsonError(" \n ")).message).toMatch(/^The file is blank:/);
  });

  it("refuses records nested deeper than 32 levels, even in a depth bomb", async () => {
    const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
    expect((await parseJson(`[${nested(32)}]`)).flat()).toHaveLength(1);
    const deep = `[{"ok":1},${nested(33)}]`;
    expect((await jsonError(deep)).message).toBe(
      "Record 2 (index 1) on line 1 is nested deeper than 32 levels: flatten it, or send the deep part as a string",
    );
    expect((await jsonError(`[${"[".repeat(5_000_000)}`)).message).toContain("nested deeper than 32 levels");
  });

  it("refuses bytes that are not UTF-8, naming the offset", async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('[{"a":"'),
      0xff,
      ...new TextEncoder().encode('"}]'),
    ]);
    const error = await errorFrom(parseFileStream(chunked(bytes, 2), "json"));
    expect(error.message).toBe(
      "The file is not valid UTF-8 (invalid byte at offset 7): save it as UTF-8 and upload again",
    );
  });

  it("refuses a record larger than the record cap instead of holding it", async () => {
    const text = `[{"a":1},\n{"big":"${"x".repeat(MAX_RECORD_CHARS + 1024 * 1024)}"}]`;
    const error = await jsonError(text, 1024 * 1024);
    expect(error.message).toBe(
      "Record 2 (index 1) on line 2 is larger than 16 MiB: split it into smaller records",
    );
  });

  it("names the record of a syntax error when the record began on an earlier line", async () => {
    const error = await jsonError('[\n{"a":1},\n{\n"a": 1\n"b": 2}\n]');
    expect(error.message).toBe(
      "Record 2 (index 1) on line 5: expected ',' — the file must hold a JSON array of objects, or one JSON object",
    );
    expect(error.location).toEqual({ line: 5, index: 1 });
  });
});

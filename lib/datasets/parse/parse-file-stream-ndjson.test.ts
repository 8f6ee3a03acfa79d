import { describe, expect, it } from "vitest";
import { stringifyJson } from "@/lib/json/exact-json";
import { MAX_RECORD_CHARS } from "./limits";
import { parseFileStream } from "./parse-file-stream";
import { chunked, collect, errorFrom } from "./test-streams";

const parseNdjson = (text: string, chunkSize = 64 * 1024, batchSize?: number) =>
  collect(parseFileStream(chunked(text, chunkSize), "ndjson", { batchSize }));

describe("parseFileStream: NDJSON", () => {
  it("skips empty lines, takes CRLF and a BOM, and needs no trailing newline", async () => {
    const text = '\uFEFF{"a":1}\r\n\r\n{"a":"é"}\n\n  \n{"a":3}';
    expect((await parseNdjson(text)).flat()).toEqual([{ a: 1 }, { a: "é" }, { a: 3 }]);
  });

  it("joins lines cut across 1-byte chunks", async () => {
    const lines = [
      { name: "Zoë 😀" },
      { n: 12345678901234567891n.toString() },
      { deep: { x: [1, { y: null }] } },
    ];
    const text = `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;
    expect((await parseNdjson(text, 1)).flat()).toEqual(lines);
  });

  it("keeps numbers exactly as written", async () => {
    expect(stringifyJson((await parseNdjson('{"id":12345678901234567891,"e":1e400}\n')).flat())).toBe(
      '[{"id":12345678901234567891,"e":1e400}]',
    );
  });

  it("names the line of a bad record, counting blank lines", async () => {
    const error = await errorFrom(parseFileStream(chunked('{"a":1}\n\n{"a":}\n', 4), "ndjson"));
    expect(error.message).toBe(
      "Line 3, column 6: expected a value but found '}' — each line must be one JSON object",
    );
    const notObject = await errorFrom(parseFileStream(chunked('{"a":1}\n[1]\n', 4), "ndjson"));
    expect(notObject.message).toBe("Line 2 is an array, not an object: each line must be one JSON object");
  });

  it("parses 100,000 records in batches", async () => {
    const line = (i: number) =>
      `{"uid":"u${i}","event_type":"view","n":${i},"user":{"email":"u${i}@example.com"}}\n`;
    const text = Array.from({ length: 100_000 }, (_, i) => line(i)).join("");
    const batches = await parseNdjson(text, 64 * 1024, 1000);
    expect(batches).toHaveLength(100);
    expect(batches.every((b) => b.length === 1000)).toBe(true);
    expect(batches[99]?.[999]).toEqual({
      uid: "u99999",
      event_type: "view",
      n: 99999,
      user: { email: "u99999@example.com" },
    });
  });

  it("refuses a line longer than the record cap instead of holding it", async () => {
    const huge = `{"a":"${"x".repeat(MAX_RECORD_CHARS)}"}`;
    const error = await errorFrom(parseFileStream(chunked(`{}\n${huge}`, 1024 * 1024), "ndjson"));
    expect(error.message).toMatch(/^Line 2 is longer than 16 MiB/);
  });

  it("refuses an empty file", async () => {
    expect((await errorFrom(parseFileStream(chunked("\n\n", 1), "ndjson"))).message).toMatch(
      /^The file is empty/,
    );
  });
});

import { describe, expect, it } from "vitest";
import { detectFileFormat } from "./detect-file-format";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("detectFileFormat", () => {
  it.each([
    ["users.json", "json"],
    ["USERS.JSON", "json"],
    ["events.ndjson", "ndjson"],
    ["events.jsonl", "ndjson"],
    ["people.csv", "csv"],
    ["people.tsv", "csv"],
  ])("goes by the extension of %s", (name, format) => {
    // The content says otherwise: the extension wins.
    expect(detectFileFormat(name, bytes("a,b\n1,2\n"))).toBe(format);
  });

  it.each([
    ["an array", '  [{"a":1}]', "json"],
    ["one object", '{"a":1}', "json"],
    ["a pretty-printed object", '{\n  "a": 1\n}\n', "json"],
    ["one object per line", '\uFEFF{"a":1}\r\n{"a":2}\n', "ndjson"],
    ["a header row", "uid;email\nu1;a@example.com\n", "csv"],
  ])("sniffs %s when the extension says nothing", (_, content, format) => {
    expect(detectFileFormat("export.txt", bytes(content))).toBe(format);
    expect(detectFileFormat("export", bytes(content))).toBe(format);
  });

  it("gives up on empty or binary content", () => {
    expect(detectFileFormat("data.bin", bytes(" \n"))).toBeNull();
    expect(detectFileFormat("data.bin", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { stringifyJson } from "@/lib/json/exact-json";
import { isSupportedIngestType, parseIngestBody } from "./parse-ingest-body";
import { RecordParseError } from "./types";

const JSON_TYPE = "application/json";
const NDJSON_TYPE = "application/x-ndjson";
const body = (text: string) => new TextEncoder().encode(text);
const parse = (text: string, type = JSON_TYPE) => parseIngestBody(body(text), type);

function errorOf(run: () => unknown): RecordParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RecordParseError);
    return error as RecordParseError;
  }
  throw new Error("expected a RecordParseError");
}

describe("isSupportedIngestType", () => {
  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "Application/JSON;charset=UTF-8",
    "application/x-ndjson",
    "application/ndjson",
    "application/jsonl",
  ])("accepts %s", (type) => expect(isSupportedIngestType(type)).toBe(true));

  it.each(["text/plain", "text/csv", "", "application/jsonx", "multipart/form-data; boundary=x"])(
    "refuses %j",
    (type) => expect(isSupportedIngestType(type)).toBe(false),
  );

  it("refuses to parse an unsupported type", () => {
    expect(errorOf(() => parse("{}", "text/plain")).message).toContain("is not supported");
  });
});

describe("parseIngestBody with application/json", () => {
  it("takes one object as one record", () => {
    expect(parse('{"uid":"u1","n":1}')).toEqual([{ uid: "u1", n: 1 }]);
  });

  it("takes an array of objects as records, and an empty array as none", () => {
    expect(parse('[{"a":1},{"a":2}]')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(parse("[]")).toEqual([]);
  });

  it("refuses a non-object record, naming its index", () => {
    const error = errorOf(() => parse('[{"a":1},{"a":2},"x"]'));
    expect(error.message).toBe(
      "Record 3 (index 2) is a string, not an object: every record must be a JSON object",
    );
    expect(error.location).toEqual({ index: 2 });
    expect(errorOf(() => parse("[{}, [1]]")).message).toContain("Record 2 (index 1) is an array");
    expect(errorOf(() => parse("[null]")).message).toContain("is null, not an object");
  });

  it("refuses a body that is not an object or array", () => {
    expect(errorOf(() => parse('"hello"')).message).toBe(
      "The body is a string, not an object: send one JSON object or an array of objects",
    );
    expect(errorOf(() => parse("42")).message).toContain("The body is a number");
  });

  it("refuses an empty body", () => {
    const message = "The body is empty: send one JSON object, an array of objects, or NDJSON";
    expect(errorOf(() => parse("")).message).toBe(message);
    expect(errorOf(() => parse(" \r\n\t")).message).toBe(message);
    expect(errorOf(() => parse("\n\n", NDJSON_TYPE)).message).toBe(message);
  });

  it("strips a byte-order mark", () => {
    expect(parse('\uFEFF{"a":1}')).toEqual([{ a: 1 }]);
  });

  it("names line and column of a syntax error", () => {
    const error = errorOf(() => parse('[\n  {"a": 1},\n  {"a": }\n]'));
    expect(error.message).toBe(
      "Line 3, column 9: expected a value but found '}' — send one JSON object or an array of objects",
    );
    expect(error.location).toEqual({ line: 3 });
  });

  it("names trailing garbage after the array", () => {
    expect(errorOf(() => parse('[{"a":1}]\n\n{"b":2}')).message).toMatch(
      /^Unexpected data after the JSON array at line 3, column 1: /,
    );
  });

  it("keeps every number exactly as written: big integers, long decimals, exponents", () => {
    const text =
      '{"id":12345678901234567891,"neg":-9007199254740993,"safe":9007199254740991,"f":1.5,"e":1e300,"long":0.1000000000000000055511151231257827,"huge":1e400,"tiny":1e-400,"s":"12345678901234567891"}';
    const [record] = parse(text);
    expect(stringifyJson(record)).toBe(text);
    expect(record).toMatchObject({ safe: 9007199254740991, f: 1.5, s: "12345678901234567891" });
  });

  it("keeps numbers exact inside arrays and nested objects", () => {
    expect(stringifyJson(parse('[{"a":{"b":[18446744073709551615, 1, 2.50]}}]'))).toBe(
      '[{"a":{"b":[18446744073709551615,1,2.50]}}]',
    );
  });

  it("refuses records nested deeper than 32 levels, on both parsing paths", () => {
    const nested = (levels: number, leaf: string) =>
      `${'{"a":'.repeat(levels - 1)}{"x":${leaf}}${"}".repeat(levels - 1)}`;
    expect(parse(nested(32, "1"))).toHaveLength(1);
    const deep = errorOf(() => parse(`[${nested(33, "1")}]`));
    expect(deep.message).toBe(
      "Record 1 (index 0) is nested deeper than 32 levels: flatten it, or send the deep part as a string",
    );
    // A big integer seen first sends the body through the exact (tokenizer) path.
    const exact = errorOf(() => parse(`[{"id":12345678901234567891,"deep":${nested(32, "1")}}]`));
    expect(exact.message).toBe(deep.message);
    expect(errorOf(() => parse(nested(33, "1"))).message).toBe(
      "The record is nested deeper than 32 levels: flatten it, or send the deep part as a string",
    );
  });

  it("survives a depth bomb", () => {
    const bomb = `${'{"a":'.repeat(1_000_000)}1${"}".repeat(1_000_000)}`;
    expect(errorOf(() => parse(bomb)).message).toContain("nested deeper than 32 levels");
    const exactBomb = `[{"id":12345678901234567891,"deep":${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}}]`;
    expect(errorOf(() => parse(exactBomb)).message).toContain("nested deeper than 32 levels");
  });

  it("keeps a __proto__ key as an ordinary field", () => {
    for (const text of ['{"__proto__":{"x":1}}', '{"__proto__":{"x":12345678901234567891}}']) {
      const [record] = parse(text);
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect(Object.keys(record ?? {})).toEqual(["__proto__"]);
    }
  });

  it("refuses bytes that are not UTF-8, naming the offset", () => {
    const bytes = new Uint8Array([...body('{"name":"Ren'), 0xe9, ...body('"}')]);
    expect(errorOf(() => parseIngestBody(bytes, JSON_TYPE)).message).toBe(
      "The body is not valid UTF-8 (invalid byte at offset 12): send it encoded as UTF-8",
    );
  });
});

describe("parseIngestBody with NDJSON", () => {
  it("takes one object per line, skipping empty lines and a trailing newline, CRLF or LF", () => {
    const text = '{"a":1}\r\n\r\n{"a":2}\n   \n{"a":3}\n';
    expect(parse(text, NDJSON_TYPE)).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(parse(text, "application/jsonl; charset=utf-8")).toHaveLength(3);
  });

  it("strips a byte-order mark", () => {
    expect(parse('\uFEFF{"a":1}\n{"a":2}', NDJSON_TYPE)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("names the line and column of a syntax error", () => {
    const error = errorOf(() => parse('{"a":1}\n\n{"a":1, "b":}\n', NDJSON_TYPE));
    expect(error.message).toBe(
      "Line 3, column 13: expected a value but found '}' — each line must be one JSON object",
    );
    expect(error.location).toEqual({ line: 3 });
  });

  it("names a line that is not an object", () => {
    expect(errorOf(() => parse('{"a":1}\n[{"a":2}]', NDJSON_TYPE)).message).toBe(
      "Line 2 is an array, not an object: each line must be one JSON object",
    );
    expect(errorOf(() => parse('{"a":1}\n"x"', NDJSON_TYPE)).message).toBe(
      "Line 2 is a string, not an object: each line must be one JSON object",
    );
  });

  it("names trailing garbage on a line", () => {
    expect(errorOf(() => parse('{"a":1} {"a":2}', NDJSON_TYPE)).message).toContain("Line 1, column 9:");
  });

  it("keeps big integers exact per line", () => {
    expect(stringifyJson(parse('{"a":1}\n{"id":12345678901234567891}', NDJSON_TYPE))).toBe(
      '[{"a":1},{"id":12345678901234567891}]',
    );
  });

  it("refuses a too-deep line, naming it", () => {
    const deep = `${'{"a":'.repeat(40)}1${"}".repeat(40)}`;
    expect(errorOf(() => parse(`{}\n${deep}`, NDJSON_TYPE)).message).toBe(
      "Line 2 is nested deeper than 32 levels: flatten it, or send the deep part as a string",
    );
  });
});

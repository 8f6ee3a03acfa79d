import { describe, expect, it } from "vitest";
import { parseJson } from "@/lib/json/exact-json";
import { toRecordText } from "./record-text";

describe("toRecordText", () => {
  it("writes ordinary records as JSON", () => {
    expect(toRecordText({ a: 1, b: ["x", { c: null }], é: "😀" })).toEqual({
      json: '{"a":1,"b":["x",{"c":null}],"é":"😀"}',
    });
  });

  it("keeps a literal backslash-u sequence, which Postgres stores fine", () => {
    const record = { path: "C:\\u0000\\ud800" };
    expect(toRecordText(record)).toEqual({ json: JSON.stringify(record) });
  });

  it("names the string Postgres would refuse", () => {
    expect(toRecordText({ user: { name: "a\u0000b" } })).toEqual({
      problem: "has the value at user.name containing a NUL character (\\u0000), which cannot be stored",
    });
    expect(toRecordText({ tags: ["ok", "\ud800"] })).toEqual({
      problem: "has the value at tags[1] containing an unpaired UTF-16 surrogate, which is not valid Unicode",
    });
    expect(toRecordText({ "k\u0000": 1 })).toMatchObject({
      problem: expect.stringContaining('field name "k\\u0000"'),
    });
  });

  it("refuses what is not an object", () => {
    expect(toRecordText([1])).toEqual({ problem: "is not a JSON object" });
    expect(toRecordText(null)).toEqual({ problem: "is not a JSON object" });
    expect(toRecordText({ n: 1n })).toMatchObject({
      problem: expect.stringContaining("cannot be written as JSON"),
    });
  });
});

describe("toRecordText with exact numbers", () => {
  it("writes numbers as the record holds them, in the record's key order", () => {
    const text = '{"z":1e400,"a":12345678901234567890123,"m":1.50}';
    expect(toRecordText(parseJson(text) as object)).toEqual({ json: text });
  });

  it("still refuses a NUL that looks like an exact number's mark", () => {
    expect(toRecordText({ n: "\u0000#1\u0000#" })).toMatchObject({ problem: expect.stringContaining("NUL") });
  });
});

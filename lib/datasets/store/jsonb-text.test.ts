import { describe, expect, it } from "vitest";
import { toJsonbText } from "./jsonb-text";

describe("toJsonbText", () => {
  it("writes ordinary records as JSON", () => {
    expect(toJsonbText({ a: 1, b: ["x", { c: null }], é: "😀" })).toEqual({
      json: '{"a":1,"b":["x",{"c":null}],"é":"😀"}',
    });
  });

  it("keeps a literal backslash-u sequence, which Postgres stores fine", () => {
    const record = { path: "C:\\u0000\\ud800" };
    expect(toJsonbText(record)).toEqual({ json: JSON.stringify(record) });
  });

  it("names the string Postgres would refuse", () => {
    expect(toJsonbText({ user: { name: "a\u0000b" } })).toEqual({
      problem: "has the value at user.name containing a NUL character (\\u0000), which cannot be stored",
    });
    expect(toJsonbText({ tags: ["ok", "\ud800"] })).toEqual({
      problem: "has the value at tags[1] containing an unpaired UTF-16 surrogate, which is not valid Unicode",
    });
    expect(toJsonbText({ "k\u0000": 1 })).toMatchObject({
      problem: expect.stringContaining('field name "k\\u0000"'),
    });
  });

  it("refuses what is not an object", () => {
    expect(toJsonbText([1])).toEqual({ problem: "is not a JSON object" });
    expect(toJsonbText(null)).toEqual({ problem: "is not a JSON object" });
    expect(toJsonbText({ n: 1n })).toMatchObject({
      problem: expect.stringContaining("cannot be written as JSON"),
    });
  });
});

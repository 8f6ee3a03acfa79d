import { describe, expect, it } from "vitest";
import { parseJson, stringifyJson } from "./exact-json";
import { hasWrittenKeyOrder, reordersKeys } from "./key-order";

describe("keys written like array indices", () => {
  it("keep their written place through a parse and a stringify, nested and in arrays", () => {
    const text = '{"b":1,"2024":{"q":1,"10":2,"2":3},"list":[{"x":1,"0":2}],"a":true}';
    const value = parseJson(text) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["b", "2024", "list", "a"]);
    expect(stringifyJson(value)).toBe(text);
    expect(stringifyJson(parseJson(`{"n":12345678901234567890123,"1":2}`))).toBe(
      '{"n":12345678901234567890123,"1":2}',
    );
  });

  it("leave objects JavaScript would not reorder as plain objects", () => {
    expect(hasWrittenKeyOrder(parseJson('{"a":1,"b":{"c":2}}'))).toBe(false);
    expect(hasWrittenKeyOrder(parseJson('{"1":1,"2":2,"x":3}'))).toBe(false);
    expect(hasWrittenKeyOrder(parseJson('{"x":1,"2":2}'))).toBe(true);
    expect(reordersKeys(["2", "1"])).toBe(true);
    expect(reordersKeys(["1", "2", "x"])).toBe(false);
  });

  it("fall back to JavaScript's order when a key is repeated, keeping the last value as JSON.parse does", () => {
    const value = parseJson('{"x":{"1":1},"x":{"y":2,"3":3}}') as Record<string, unknown>;
    expect(value).toEqual({ x: { y: 2, 3: 3 } });
  });

  it("see keys inside strings as text, not as keys", () => {
    const text = '{"s":"\\"1\\": {","1":[{"b":2,"0":1}]}';
    expect(stringifyJson(parseJson(text))).toBe(text);
  });
});

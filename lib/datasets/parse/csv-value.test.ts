import { describe, expect, it } from "vitest";
import { ExactNumber, stringifyJson } from "@/lib/json/exact-json";
import { typeCsvValue } from "./csv-value";

describe("typeCsvValue", () => {
  it.each([
    ["12", 12],
    ["-3.5", -3.5],
    ["0", 0],
    ["0.25", 0.25],
    ["9007199254740991", 9007199254740991],
    ["true", true],
    ["FALSE", false],
  ])("types %j", (raw, value) => expect(typeCsvValue(raw)).toBe(value));

  it.each(["1e3", "1.50", "9007199254740993", "-9007199254740993", "1e400", "-0"])(
    "keeps %j a number exactly as written",
    (raw) => {
      const value = typeCsvValue(raw);
      expect(value).toBeInstanceOf(ExactNumber);
      expect(stringifyJson(value)).toBe(raw);
    },
  );

  it.each(["007", "+1", ".5", "1,5", " 12", "12 ", "0x10", "", "yes", "NaN"])("keeps %j a string", (raw) =>
    expect(typeCsvValue(raw)).toBe(raw),
  );
});

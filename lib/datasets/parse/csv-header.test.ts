import { describe, expect, it } from "vitest";
import { detectDelimiter, findFirstRowEnd, uniqueHeaderNames } from "./csv-header";

describe("findFirstRowEnd", () => {
  it("finds the line break outside quotes and names it", () => {
    expect(findFirstRowEnd('a,"b\nc"\nrest', false)).toEqual({ end: 7, next: 8, newline: "\n" });
    expect(findFirstRowEnd("a,b\r\nrest", false)).toEqual({ end: 3, next: 5, newline: "\r\n" });
    expect(findFirstRowEnd("a,b\rrest", false)).toEqual({ end: 3, next: 4, newline: "\r" });
  });

  it("waits for more text when the row or its line break may go on", () => {
    expect(findFirstRowEnd("a,b", false)).toBeUndefined();
    expect(findFirstRowEnd("a,b\r", false)).toBeUndefined();
    expect(findFirstRowEnd('a,"b\n', false)).toBeUndefined();
    expect(findFirstRowEnd("a,b", true)).toEqual({ end: 3, next: 3, newline: "\n" });
  });
});

describe("detectDelimiter", () => {
  it("counts only outside quotes", () => {
    expect(detectDelimiter('"a;b;c",d,e')).toBe(",");
    expect(detectDelimiter("a;b;c")).toBe(";");
    expect(detectDelimiter("single")).toBe(",");
  });
});

describe("uniqueHeaderNames", () => {
  it("trims, names empty columns by position and numbers repeats without clashing", () => {
    expect(uniqueHeaderNames([" a ", "", "a", "a_2", "a", "column_2"])).toEqual([
      "a",
      "column_2",
      "a_3",
      "a_2",
      "a_4",
      "column_2_2",
    ]);
  });
});

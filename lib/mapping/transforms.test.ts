import { describe, expect, it } from "vitest";
import { parseJson, stringifyJson } from "@/lib/json/exact-json";
import { applyTransform, applyTransforms, TransformError, toTimestamp } from "./transforms";
import type { Transform } from "./types";

describe("transforms", () => {
  it.each<[Transform, unknown, unknown]>([
    [{ kind: "trim" }, "  a b  ", "a b"],
    [{ kind: "lowercase" }, "Ada@Example.COM", "ada@example.com"],
    [{ kind: "uppercase" }, "gb", "GB"],
    [{ kind: "to-number" }, " 42.5 ", 42.5],
    [{ kind: "to-number" }, 7, 7],
    [{ kind: "to-string" }, 12, "12"],
    [{ kind: "to-string" }, true, "true"],
    [{ kind: "to-string" }, { a: 1 }, '{"a":1}'],
    [{ kind: "to-boolean" }, "yes", true],
    [{ kind: "to-boolean" }, "FALSE", false],
    [{ kind: "to-boolean" }, 0, false],
    [{ kind: "default", value: "free" }, undefined, "free"],
    [{ kind: "default", value: "free" }, "", "free"],
    [{ kind: "default", value: "free" }, "pro", "pro"],
    [{ kind: "split", separator: "," }, "a, b,,c", ["a", "b", "c"]],
    [{ kind: "join", separator: "|" }, ["a", 1, true], "a|1|true"],
    [{ kind: "omit-empty" }, "", undefined],
    [{ kind: "omit-empty" }, [], undefined],
    [{ kind: "omit-empty" }, {}, undefined],
    [{ kind: "omit-empty" }, 0, 0],
  ])("%j turns %j into %j", (transform, value, expected) => {
    expect(applyTransform(value, transform)).toEqual(expected);
  });

  it("passes a missing value through every transform but Default", () => {
    expect(applyTransforms(undefined, [{ kind: "trim" }, { kind: "to-number" }])).toBeUndefined();
  });

  it.each<[Transform, unknown, string]>([
    [{ kind: "to-number" }, "12a", '"12a" is not a number.'],
    [
      { kind: "to-number" },
      "12345678901234567891",
      "12345678901234567891 has more digits than a number field holds (it would become 12345678901234567000): send it as text instead.",
    ],
    [{ kind: "to-boolean" }, "maybe", '"maybe" is not true or false.'],
  ])("%j refuses %j", (transform, value, message) => {
    expect(() => applyTransform(value, transform)).toThrow(new TransformError(message));
  });

  it("applies transforms in order", () => {
    expect(
      applyTransforms("  A,B ", [{ kind: "trim" }, { kind: "lowercase" }, { kind: "split", separator: "," }]),
    ).toEqual(["a", "b"]);
  });
});

describe("to ISO-8601 timestamp", () => {
  it.each([
    [1709294400, "2024-03-01T12:00:00.000Z"],
    ["1709294400", "2024-03-01T12:00:00.000Z"],
    [1709294400123, "2024-03-01T12:00:00.123Z"],
    ["2024-03-01 12:00:00", "2024-03-01T12:00:00.000Z"],
    ["2024-03-01", "2024-03-01T00:00:00.000Z"],
    ["Fri, 01 Mar 2024 12:00:00 GMT", "2024-03-01T12:00:00.000Z"],
    // Already ISO-8601 with a zone: kept exactly as written.
    ["2024-03-01T12:00:00+01:00", "2024-03-01T12:00:00+01:00"],
    ["2022-03-15T14:23:23Z", "2022-03-15T14:23:23Z"],
  ])("%j → %j", (value, expected) => {
    expect(toTimestamp(value)).toBe(expected);
  });

  it("refuses what is not a date, saying what is accepted", () => {
    expect(() => toTimestamp("next tuesday")).toThrow(/is not a date: use epoch seconds, epoch milliseconds/);
  });
});

describe("numbers kept as written", () => {
  it("keeps how a number is written when a double holds its value", () => {
    const value = applyTransform("1.50", { kind: "to-number" });
    expect(stringifyJson({ value })).toBe('{"value":1.50}');
    expect(stringifyJson({ value: applyTransform(parseJson("1E5"), { kind: "to-number" }) })).toBe(
      '{"value":1E5}',
    );
  });

  it.each([
    ["1e400", "1e400 is too large for a number field (it would become Infinity): send it as text instead."],
    ["1e-400", "1e-400 is too small for a number field (it would become 0): send it as text instead."],
    [
      "0.1000000000000000055511151231257827",
      "0.1000000000000000055511151231257827 has more digits than a number field holds (it would become 0.1): send it as text instead.",
    ],
  ])("refuses to make %s a number field, naming the value", (literal, message) => {
    expect(() => applyTransform(parseJson(literal), { kind: "to-number" })).toThrow(
      new TransformError(message),
    );
  });

  it("writes a number kept as text back as that text", () => {
    expect(applyTransform(parseJson("12345678901234567890123"), { kind: "to-string" })).toBe(
      "12345678901234567890123",
    );
  });
});

import { describe, expect, it } from "vitest";
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
      '"12345678901234567891" is too large to send as a number exactly.',
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

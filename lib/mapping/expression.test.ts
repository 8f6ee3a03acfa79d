import { describe, expect, it } from "vitest";
import { parseJson, stringifyJson } from "@/lib/json/exact-json";
import { ExpressionError, evaluateExpression } from "./expression";

const record = parseJson('{"price":1.50,"big":12345678901234567890123,"name":"a"}');

describe("expressions on numbers kept as written", () => {
  it("compute with a number a double holds exactly", async () => {
    expect(await evaluateExpression("price * 2", record)).toBe(3);
    expect(await evaluateExpression("$sum([price, 1])", record)).toBe(2.5);
  });

  it("pass a number no double holds through unchanged, also as text", async () => {
    expect(stringifyJson(await evaluateExpression("big", record))).toBe("12345678901234567890123");
    expect(await evaluateExpression("$string(big)", record)).toBe("12345678901234567890123");
    expect(await evaluateExpression('"id-" & big', record)).toBe("id-12345678901234567890123");
  });

  it("refuse arithmetic on it, naming the value", async () => {
    const error = await evaluateExpression("big + 1", record).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as Error).message).toContain("The record's 12345678901234567890123 has more digits");
  });
});

import { describe, expect, it } from "vitest";
import { ExactNumber, mayHoldInexactNumber, numberFromLiteral, parseJson, stringifyJson } from "./exact-json";

const TRICKY = [
  "12345678901234567890123",
  "-12345678901234567891",
  "0.1000000000000000055511151231257827",
  "1e400",
  "-1e400",
  "1e-400",
  "1E5",
  "1.50",
  "1.0",
  "-0",
  "-0.0",
  "0.0000001",
  "12345678.123456789",
  "9007199254740993",
];

describe("exact JSON", () => {
  it.each(TRICKY)("keeps %s byte for byte through parse and stringify", (literal) => {
    const text = `{"b":${literal},"a":[${literal}],"c":{"z":1,"y":${literal}}}`;
    expect(stringifyJson(parseJson(text))).toBe(text);
  });

  it("keeps plain numbers as JS numbers, and anything JSON.stringify would change as its text", () => {
    expect(numberFromLiteral("42")).toBe(42);
    expect(numberFromLiteral("-3.25")).toBe(-3.25);
    expect(numberFromLiteral("1e400")).toBeInstanceOf(ExactNumber);
    expect(String(numberFromLiteral("1e400"))).toBe("1e400");
  });

  it("keeps the key order of the text, the last of repeated keys winning as with JSON.parse", () => {
    const text =
      '{"uid":1,"email":"a@b.c","properties":{"user":{"first_name":"A","last_name":"B","plan":"pro"}}}';
    expect(stringifyJson(parseJson(text))).toBe(text);
    expect(stringifyJson(parseJson('{"a":1.50,"b":2,"a":3}'))).toBe('{"a":3,"b":2}');
  });

  it("indents without changing a number", () => {
    expect(stringifyJson(parseJson('{"n":1.50}'), 2)).toBe('{\n  "n": 1.50\n}');
  });

  it("never lets a number that JSON.parse would change through the fast path", () => {
    // Every literal the fast path would take must write back unchanged from a JS number.
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join("");
    const literal = () => {
      const int =
        Math.random() < 0.3
          ? "0"
          : `${1 + Math.floor(Math.random() * 9)}${digits(Math.floor(Math.random() * 20))}`;
      const fraction = Math.random() < 0.5 ? `.${digits(1 + Math.floor(Math.random() * 20))}` : "";
      const exponent = Math.random() < 0.1 ? `e${Math.floor(Math.random() * 30) - 15}` : "";
      return `${Math.random() < 0.3 ? "-" : ""}${int}${fraction}${exponent}`;
    };
    let checked = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = literal();
      if (mayHoldInexactNumber(text)) continue;
      checked++;
      expect(JSON.stringify(JSON.parse(text)), text).toBe(text);
    }
    expect(checked).toBeGreaterThan(5000);
  });
});

describe("mayHoldInexactNumber", () => {
  it("never passes a JSON text that JSON.parse would change", () => {
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join("");
    const literal = () => {
      const int =
        Math.random() < 0.3
          ? "0"
          : `${1 + Math.floor(Math.random() * 9)}${digits(Math.floor(Math.random() * 18))}`;
      const fraction = Math.random() < 0.5 ? `.${digits(1 + Math.floor(Math.random() * 18))}` : "";
      const exponent =
        Math.random() < 0.1 ? `${Math.random() < 0.5 ? "e" : "E"}${Math.floor(Math.random() * 30) - 15}` : "";
      return `${Math.random() < 0.3 ? "-" : ""}${int}${fraction}${exponent}`;
    };
    const value = (): string => {
      const pick = Math.random();
      if (pick < 0.5) return literal();
      if (pick < 0.7) return JSON.stringify(`${literal()}e\\"${digits(3)}`);
      if (pick < 0.85) return `[${literal()},${literal()}]`;
      return `{"k":${literal()}}`;
    };
    let passed = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = `{"a":${value()},"b":${value()}}`;
      if (mayHoldInexactNumber(text)) continue;
      passed++;
      expect(JSON.stringify(JSON.parse(text)), text).toBe(text);
    }
    expect(passed).toBeGreaterThan(1000);
  });

  it("passes records with plain numbers, whatever their strings hold", () => {
    expect(
      mayHoldInexactNumber(
        '{"id":123456,"price":19.99,"at":"2026-08-14T03:12:45.120Z","n":-3,"f":0.5,"hex":"3e9f","q":"say \\"1.50\\""}',
      ),
    ).toBe(false);
    expect(mayHoldInexactNumber('{"price":19.90}')).toBe(true);
    expect(mayHoldInexactNumber("[-0]")).toBe(true);
    expect(mayHoldInexactNumber("1e5")).toBe(true);
  });
});

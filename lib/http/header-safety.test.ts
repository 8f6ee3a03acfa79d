import { describe, expect, it } from "vitest";
import { findHeaderProblem, isToken } from "./header-safety";

describe("findHeaderProblem", () => {
  it("accepts ordinary headers", () => {
    expect(
      findHeaderProblem({
        "Content-Type": "application/json",
        "X-Api-Key": "abc",
        "Accept-Language": "fr-CH, fr;q=0.9",
      }),
    ).toBeUndefined();
  });

  it.each([
    [{ "X-Note": "a\r\nX-Injected: 1" }, 'The value of header "X-Note" contains a line break (CR or LF).'],
    [{ "X-Note": "a\nb" }, 'The value of header "X-Note" contains a line break (CR or LF).'],
    [{ "X-Note": "a\0b" }, 'The value of header "X-Note" contains a NUL character.'],
    [
      { "X-Note\r\nX-Injected": "1" },
      'The header name "X-Note\\r\\nX-Injected" contains a line break (CR or LF).',
    ],
    [{ "X-Note\0": "1" }, 'The header name "X-Note\\u0000" contains a NUL character.'],
  ])("refuses %j, naming the header", (headers, message) => {
    expect(findHeaderProblem(headers)).toBe(message);
  });

  it.each(["X Note", "X-Note:", "", "Ünicode"])("refuses the name %j as not a token", (name) => {
    expect(findHeaderProblem({ [name]: "1" })).toMatch(/^The header name ".*" is not valid/);
  });

  it("refuses characters a header cannot carry", () => {
    expect(findHeaderProblem({ "X-Note": "bell\u0007" })).toMatch(
      /"X-Note" contains a character that cannot be sent/,
    );
    expect(findHeaderProblem({ "X-Note": "snowman ☃" })).toMatch(
      /"X-Note" contains a character that cannot be sent/,
    );
  });
});

describe("isToken", () => {
  it("accepts methods and rejects what is not one", () => {
    expect(isToken("PATCH")).toBe(true);
    expect(isToken("GET /")).toBe(false);
  });
});

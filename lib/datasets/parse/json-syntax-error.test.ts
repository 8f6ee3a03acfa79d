import { describe, expect, it } from "vitest";
import { jsonSyntaxReason, locateJsonSyntaxError } from "./json-syntax-error";

describe("locateJsonSyntaxError", () => {
  it("names a trailing comma, where it is", () => {
    expect(locateJsonSyntaxError('[{"a":1},]')).toEqual({
      line: 1,
      column: 10,
      reason: "a comma is followed by ']': remove the trailing comma",
      trailing: false,
    });
    expect(locateJsonSyntaxError('{\n  "a": 1,\n}')?.reason).toBe(
      "a comma is followed by '}': remove the trailing comma",
    );
  });

  it("says what was expected and what was found", () => {
    expect(locateJsonSyntaxError('{"a" 1}')?.reason).toBe("expected ':' but found '1'");
    expect(locateJsonSyntaxError('{"a":}')?.reason).toBe("expected a value but found '}'");
    expect(locateJsonSyntaxError('{"a":1')?.reason).toMatch(/the text ends$/);
  });

  it("finds nothing wrong in valid JSON", () => {
    expect(locateJsonSyntaxError('[{"a":[1,2]}]')).toBeUndefined();
  });
});

describe("jsonSyntaxReason", () => {
  it("names the likely trailing comma when only the token is known", () => {
    expect(jsonSyntaxReason("Parser cannot parse input: unexpected token ']'")).toBe(
      "']' is not expected here: is there a trailing comma before it?",
    );
  });
});

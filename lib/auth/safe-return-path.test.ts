import { describe, expect, it } from "vitest";
import { safeReturnPath, signInPath } from "./safe-return-path";

describe("safeReturnPath", () => {
  it("keeps paths inside Outflow with their query", () => {
    expect(safeReturnPath("/destinations?status=failing")).toBe("/destinations?status=failing");
  });

  it.each([
    ["another origin", "https://evil.example/x"],
    ["a protocol-relative URL", "//evil.example/x"],
    ["a backslash trick", "/\\evil.example"],
    ["a javascript URL", "javascript:alert(1)"],
    ["nothing", null],
    ["a dot segment before a double slash", "/.//evil.example/x"],
    ["a parent segment before a double slash", "/..//x"],
    ["an encoded dot segment", "/%2e//x"],
    ["encoded parent segments", "/%2e%2e//x"],
    ["a parent segment after a folder", "/a/..//x"],
    ["an encoded parent segment after a folder", "/a/%2e%2e//evil.example"],
    ["an encoded slash", "/%2f/evil.example"],
    ["an encoded slash after a parent segment", "/a/../%2f%2fevil.example"],
    ["an encoded backslash", "/%5cevil.example"],
    ["encoded backslashes", "/%5c%5cevil.example"],
    ["a backslash after a slash", "/\\/evil.example"],
    ["a tab inside the double slash", "/\t/evil.example"],
    ["a newline inside the double slash", "/\n/evil.example"],
    ["a carriage return", "/\r//evil.example"],
    ["a NUL character", "/\u0000//evil.example"],
  ])("falls back to the dashboard for %s", (_, value) => {
    expect(safeReturnPath(value)).toBe("/");
  });

  it.each(["/.//evil.example/x", "/..//x", "/%2e//x", "/a/..//x", "/%2F.%2F%2Fevil.example%2Fx"])(
    "never returns a path a browser resolves to another origin: %s",
    (value) => {
      const resolved = new URL(safeReturnPath(value), "https://outflow.example.com");
      expect(resolved.origin).toBe("https://outflow.example.com");
    },
  );

  it("keeps dot segments that stay inside Outflow, resolved", () => {
    expect(safeReturnPath("/datasets/./abc/../def")).toBe("/datasets/def");
  });

  it("keeps encoded characters in a path inside Outflow", () => {
    expect(safeReturnPath("/datasets?name=Q%201%20events")).toBe("/datasets?name=Q%201%20events");
  });
});

describe("signInPath", () => {
  it("carries the page to return to", () => {
    expect(signInPath("/settings/members")).toBe("/sign-in?next=%2Fsettings%2Fmembers");
  });

  it("omits the return path for the dashboard", () => {
    expect(signInPath("/")).toBe("/sign-in");
  });
});

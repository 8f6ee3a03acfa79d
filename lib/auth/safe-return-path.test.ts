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
  ])("falls back to the dashboard for %s", (_, value) => {
    expect(safeReturnPath(value)).toBe("/");
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

import { describe, expect, it } from "vitest";
import { childPath, escapePathKey, itemsPath, splitFieldPath } from "./field-path";

describe("field paths", () => {
  it("escapes the characters that have a meaning in paths", () => {
    expect(escapePathKey("plain")).toBe("plain");
    expect(escapePathKey("a.b")).toBe("a\\.b");
    expect(escapePathKey("tags[]")).toBe("tags\\[\\]");
    expect(escapePathKey("back\\slash")).toBe("back\\\\slash");
  });

  it("builds nested and array paths", () => {
    expect(childPath(undefined, "user")).toBe("user");
    expect(childPath("user", "e.mail")).toBe("user.e\\.mail");
    expect(childPath(itemsPath("items"), "sku")).toBe("items[].sku");
  });

  it("splits a path back into the keys and array steps it was built from", () => {
    expect(splitFieldPath("items[].sku")).toEqual([{ key: "items" }, { items: true }, { key: "sku" }]);
    expect(splitFieldPath("m[][]")).toEqual([{ key: "m" }, { items: true }, { items: true }]);
    const path = childPath(itemsPath(childPath(undefined, "a.b")), "c[]\\d");
    expect(splitFieldPath(path)).toEqual([{ key: "a.b" }, { items: true }, { key: "c[]\\d" }]);
  });
});

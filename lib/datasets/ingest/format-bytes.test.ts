import { describe, expect, it } from "vitest";
import { formatBytes } from "./format-bytes";

describe("formatBytes", () => {
  it("names sizes the way the limit is configured", () => {
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MB");
    expect(formatBytes(Math.round(12.4 * 1024 * 1024))).toBe("12.4 MB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(1)).toBe("1 byte");
  });
});

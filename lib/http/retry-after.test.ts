import { describe, expect, it } from "vitest";
import { formatClockTime, retryAfterDate } from "./retry-after";

const now = new Date("2026-11-23T12:03:00Z");

describe("retryAfterDate", () => {
  it("reads delay-seconds", () => {
    expect(retryAfterDate("10", now)?.toISOString()).toBe("2026-11-23T12:03:10.000Z");
  });

  it("reads an HTTP date", () => {
    expect(retryAfterDate("Mon, 23 Nov 2026 12:05:00 GMT", now)?.toISOString()).toBe(
      "2026-11-23T12:05:00.000Z",
    );
  });

  it("ignores what it cannot read", () => {
    expect(retryAfterDate(undefined, now)).toBeUndefined();
    expect(retryAfterDate("soon", now)).toBeUndefined();
  });

  it("formats the time for messages", () => {
    expect(formatClockTime(new Date("2026-11-23T12:03:10Z"))).toBe("12:03:10 UTC");
  });
});

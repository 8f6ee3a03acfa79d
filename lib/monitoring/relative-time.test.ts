import { describe, expect, it } from "vitest";
import { timeAgo } from "./relative-time";

const now = new Date("2026-11-23T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("timeAgo", () => {
  it("says how long ago, in the largest whole unit", () => {
    expect(timeAgo(ago(20_000), now)).toBe("just now");
    expect(timeAgo(ago(5 * 60_000 + 59_000), now)).toBe("5 min ago");
    expect(timeAgo(ago(3 * 3_600_000), now)).toBe("3 h ago");
    expect(timeAgo(ago(25 * 3_600_000), now)).toBe("1 day ago");
    expect(timeAgo(ago(9 * 24 * 3_600_000), now)).toBe("9 days ago");
  });

  it("treats a time slightly ahead (clock skew) as now", () => {
    expect(timeAgo(new Date(now.getTime() + 2_000), now)).toBe("just now");
  });
});

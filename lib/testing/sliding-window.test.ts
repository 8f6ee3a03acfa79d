import { describe, expect, it } from "vitest";
import { maxInSlidingWindow } from "./sliding-window";

describe("maxInSlidingWindow", () => {
  it("counts the arrivals within any span shorter than the window", () => {
    expect(maxInSlidingWindow([], 1000)).toBe(0);
    expect(maxInSlidingWindow([0, 999, 1000, 1999], 1000)).toBe(2);
    expect(maxInSlidingWindow([0, 500, 600, 999, 1400], 1000)).toBe(4);
  });
});

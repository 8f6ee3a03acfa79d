import { describe, expect, it } from "vitest";
import { recordNumbers } from "./record-numbers";

describe("recordNumbers", () => {
  it("shows runs of consecutive records as ranges", () => {
    expect(recordNumbers([1069, ...Array.from({ length: 99 }, (_, i) => 1070 + i)])).toBe("#1,069–#1,168");
    expect(recordNumbers([9, 1, 2, 3, 7, 10, 11, 12])).toBe("#1–#3, #7, #9–#12");
    expect(recordNumbers([5])).toBe("#5");
    expect(recordNumbers([])).toBe("");
  });
});

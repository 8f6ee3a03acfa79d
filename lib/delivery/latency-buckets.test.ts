import { describe, expect, it } from "vitest";
import { addHistograms, LATENCY_BUCKETS_MS, latencyHistogram, percentileBound } from "./latency-buckets";

describe("latency histograms", () => {
  it("counts each duration in the first bucket whose bound holds it", () => {
    const histogram = latencyHistogram([3, 10, 11, 240, 40_000]);
    expect(histogram).toHaveLength(LATENCY_BUCKETS_MS.length);
    expect(histogram[0]).toBe(2); // ≤ 10 ms
    expect(histogram[1]).toBe(1); // ≤ 25 ms
    expect(histogram[4]).toBe(1); // ≤ 250 ms
    expect(histogram.at(-1)).toBe(1); // over 30 s
  });

  it("adds hours together and reads percentiles as bucket bounds", () => {
    const total = addHistograms([
      latencyHistogram(Array(90).fill(20)),
      latencyHistogram(Array(10).fill(900)),
      null,
    ]);
    expect(percentileBound(total, 50)).toBe(25);
    expect(percentileBound(total, 90)).toBe(25);
    expect(percentileBound(total, 95)).toBe(1000);
    expect(percentileBound(addHistograms([]), 50)).toBeNull();
  });
});

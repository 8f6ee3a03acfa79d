import { describe, expect, it } from "vitest";
import { limiterShape } from "./rate-limit";

/** The most requests a limiter shape lets through in any span of `windowMs`. */
function worstCaseInWindow(shape: { points: number; durationMs: number }, windowMs: number): number {
  // Windows start back to back at worst; a span overlaps ceil(span/duration) + 1 of them at most,
  // except that evenly spaced single requests fit exactly span/interval in a half-open span.
  if (shape.points === 1) return Math.ceil(windowMs / shape.durationMs);
  return (Math.floor(windowMs / shape.durationMs) + 1) * shape.points;
}

describe("limiterShape", () => {
  it.each([
    [
      { requests: 50, windowSeconds: 1 },
      { points: 1, durationMs: 20 },
    ],
    [
      { requests: 190, windowSeconds: 10 },
      { points: 1, durationMs: 53 },
    ],
    [
      { requests: 3000, windowSeconds: 60 },
      { points: 1, durationMs: 20 },
    ],
    [
      { requests: 200, windowSeconds: 10 },
      { points: 1, durationMs: 50 },
    ],
    [
      { requests: 1, windowSeconds: 5 },
      { points: 1, durationMs: 5000 },
    ],
  ])("spaces %o evenly", (limit, shape) => {
    expect(limiterShape(limit)).toEqual(shape);
  });

  it("uses small windows above 100 requests a second, never exceeding the limit in any window", () => {
    for (const limit of [
      { requests: 1000, windowSeconds: 1 },
      { requests: 100_000, windowSeconds: 1 },
      { requests: 12_000, windowSeconds: 60 },
    ]) {
      const shape = limiterShape(limit);
      expect(shape.durationMs).toBe(100);
      expect(worstCaseInWindow(shape, limit.windowSeconds * 1000)).toBeLessThanOrEqual(limit.requests);
    }
  });

  it("never lets more than the limit through in a window, for the connectors' defaults", () => {
    for (const limit of [
      { requests: 3000, windowSeconds: 60 },
      { requests: 200, windowSeconds: 10 },
      { requests: 190, windowSeconds: 10 },
      { requests: 20, windowSeconds: 1 },
      { requests: 10, windowSeconds: 1 },
    ]) {
      expect(worstCaseInWindow(limiterShape(limit), limit.windowSeconds * 1000)).toBeLessThanOrEqual(
        limit.requests,
      );
    }
  });
});

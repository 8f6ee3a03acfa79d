import { describe, expect, it } from "vitest";
import { ARRIVAL_JITTER_MS, limiterShape, reservationSize } from "./rate-limit";

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
      { points: 1, durationMs: 22 },
    ],
    [
      { requests: 190, windowSeconds: 10 },
      { points: 1, durationMs: 54 },
    ],
    [
      { requests: 3000, windowSeconds: 60 },
      { points: 1, durationMs: 21 },
    ],
    [
      { requests: 200, windowSeconds: 10 },
      { points: 1, durationMs: 51 },
    ],
    [
      { requests: 1, windowSeconds: 5 },
      { points: 1, durationMs: 5100 },
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
      expect(worstCaseInWindow(shape, limit.windowSeconds * 1000 + ARRIVAL_JITTER_MS)).toBeLessThanOrEqual(
        limit.requests,
      );
    }
  });

  it("keeps whole-second and longer spacings exact in the store's seconds", () => {
    expect(limiterShape({ requests: 60, windowSeconds: 60 })).toEqual({ points: 1, durationMs: 1002 });
    const { durationMs } = limiterShape({ requests: 10, windowSeconds: 10 });
    expect((durationMs / 1000) * 1000).toBe(durationMs);
  });

  it("never lets more than the limit arrive in a window, for the connectors' defaults, even with requests delayed on the way", () => {
    for (const limit of [
      { requests: 3000, windowSeconds: 60 },
      { requests: 200, windowSeconds: 10 },
      { requests: 190, windowSeconds: 10 },
      { requests: 20, windowSeconds: 1 },
      { requests: 10, windowSeconds: 1 },
    ]) {
      // Requests sent within W + the jitter can arrive within W.
      const span = limit.windowSeconds * 1000 + ARRIVAL_JITTER_MS;
      expect(worstCaseInWindow(limiterShape(limit), span)).toBeLessThanOrEqual(limit.requests);
    }
  });
});

describe("reservationSize", () => {
  it("takes one request at a time where requests are spaced, a tenth of a busy window (at most 50) otherwise", () => {
    expect(reservationSize(1)).toBe(1);
    expect(reservationSize(19)).toBe(1);
    expect(reservationSize(20)).toBe(2);
    expect(reservationSize(300)).toBe(30);
    expect(reservationSize(83_333)).toBe(50);
  });
});

import { describe, expect, it } from "vitest";
import { hourlySeries, WINDOW_HOURS, windowEnd, windowStart } from "./hourly-window";

describe("the 24-hour window", () => {
  it("starts 23 whole hours before the current hour and ends after it", () => {
    const now = new Date("2026-11-23T12:34:56Z");
    expect(windowStart(now).toISOString()).toBe("2026-11-22T13:00:00.000Z");
    expect(windowEnd(now).toISOString()).toBe("2026-11-23T13:00:00.000Z");
  });

  it("holds exactly 24 hours on the hour", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(windowStart(now).toISOString()).toBe("2026-11-22T13:00:00.000Z");
    expect(windowEnd(now).getTime() - windowStart(now).getTime()).toBe(WINDOW_HOURS * 3_600_000);
  });
});

describe("hourlySeries", () => {
  it("has 24 values, zero for hours without counters", () => {
    const series = hourlySeries([
      { slot: 0, value: 5 },
      { slot: 23, value: 7 },
    ]);
    expect(series).toHaveLength(24);
    expect(series[0]).toBe(5);
    expect(series[23]).toBe(7);
    expect(series.slice(1, 23).every((value) => value === 0)).toBe(true);
  });

  it("ignores hours outside the window", () => {
    expect(
      hourlySeries([
        { slot: -6, value: 100 },
        { slot: 24, value: 100 },
        { slot: 3, value: 2 },
      ]).reduce((sum, value) => sum + value, 0),
    ).toBe(2);
  });
});

import { describe, expect, it } from "vitest";
import {
  dailyBuckets,
  HOURS_SHOWN,
  type HourlyCounters,
  hourlyBuckets,
  summarize,
} from "./destination-stats-series";

const counters = (
  hour: string,
  delivered: number,
  failed: number,
  histogram: number[] = [],
): HourlyCounters => ({
  hour: new Date(hour),
  recordsDelivered: delivered,
  recordsFailed: failed,
  requests: delivered + failed,
  requestsFailed: failed,
  latencyHistogram: histogram,
});

const now = new Date("2026-03-10T14:25:00Z");

describe("hourly and daily buckets", () => {
  it("puts each hour's counters in its bucket, ending with the current hour", () => {
    const rows = [
      counters("2026-03-10T14:00:00Z", 5, 1),
      counters("2026-03-10T13:00:00Z", 2, 0),
      counters("2026-03-08T15:00:00Z", 7, 0), // the first hour shown
      counters("2026-03-08T14:00:00Z", 9, 9), // one hour too old
    ];
    const hours = hourlyBuckets(rows, now);
    expect(hours).toHaveLength(HOURS_SHOWN);
    expect(hours[0]).toMatchObject({ start: new Date("2026-03-08T15:00:00Z"), recordsDelivered: 7 });
    expect(hours.at(-2)).toMatchObject({ recordsDelivered: 2, recordsFailed: 0 });
    expect(hours.at(-1)).toMatchObject({
      start: new Date("2026-03-10T14:00:00Z"),
      recordsDelivered: 5,
      recordsFailed: 1,
      requests: 6,
      requestsFailed: 1,
    });
    expect(hours.reduce((sum, bucket) => sum + bucket.recordsDelivered, 0)).toBe(14);
  });

  it("adds the hours of a UTC day together, 30 days ending today", () => {
    const days = dailyBuckets(
      [
        counters("2026-03-10T00:00:00Z", 1, 0),
        counters("2026-03-10T14:00:00Z", 2, 3),
        counters("2026-02-09T23:00:00Z", 4, 0),
      ],
      now,
    );
    expect(days).toHaveLength(30);
    expect(days[0]?.start).toEqual(new Date("2026-02-09T00:00:00Z"));
    expect(days[0]?.recordsDelivered).toBe(4);
    expect(days.at(-1)).toMatchObject({
      start: new Date("2026-03-10T00:00:00Z"),
      recordsDelivered: 3,
      recordsFailed: 3,
    });
  });
});

describe("summarize", () => {
  it("gives totals, the error rate and latency percentiles from the histograms", () => {
    // Buckets: ≤10, ≤25, ≤50, ≤100, ≤250 ms …
    const summary = summarize([
      counters("2026-03-10T13:00:00Z", 8, 2, [0, 5, 5, 0, 0]),
      counters("2026-03-10T14:00:00Z", 10, 0, [0, 0, 8, 0, 2]),
    ]);
    expect(summary).toEqual({
      recordsDelivered: 18,
      recordsFailed: 2,
      requests: 20,
      requestsFailed: 2,
      errorRate: 0.1,
      p50Ms: 50,
      p95Ms: 250,
    });
  });

  it("counts records refused inside accepted requests in the error rate", () => {
    const partial = { ...counters("2026-03-10T13:00:00Z", 8, 0, [0, 8, 0, 0, 0]), recordsFailed: 2 };
    expect(summarize([partial])).toMatchObject({ requestsFailed: 0, recordsFailed: 2, errorRate: 0.2 });
  });

  it("has no rate or percentiles without requests", () => {
    expect(summarize([])).toMatchObject({ requests: 0, errorRate: null, p50Ms: null, p95Ms: null });
  });
});

/**
 * Charts and totals of a destination from its hourly counters (DeliveryHourlyStats): the last 48
 * hours by hour and the last 30 days by UTC day. Pure, so the bucketing is unit-tested.
 */
import { addHistograms, percentileBound } from "@/lib/delivery/latency-buckets";

export const HOURS_SHOWN = 48;
export const DAYS_SHOWN = 30;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export type HourlyCounters = {
  hour: Date;
  recordsDelivered: number;
  recordsFailed: number;
  requests: number;
  requestsFailed: number;
  latencyHistogram: number[];
};

export type StatsBucket = {
  start: Date;
  recordsDelivered: number;
  recordsFailed: number;
  requests: number;
  requestsFailed: number;
};

export type StatsSummary = {
  recordsDelivered: number;
  recordsFailed: number;
  requests: number;
  requestsFailed: number;
  /** Failed requests over requests, 0–1; null without requests. */
  errorRate: number | null;
  /** Bucket bounds (ms) from the latency histograms; Infinity is "over 30 s"; null without requests. */
  p50Ms: number | null;
  p95Ms: number | null;
};

/** The first hour shown: 47 hours before `now`'s hour. */
export function hoursStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (HOURS_SHOWN - 1) * HOUR_MS);
}

/** The first day shown: 29 UTC days before `now`'s day. */
export function daysStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - (DAYS_SHOWN - 1) * DAY_MS);
}

function emptyBuckets(start: Date, count: number, stepMs: number): StatsBucket[] {
  return Array.from({ length: count }, (_, index) => ({
    start: new Date(start.getTime() + index * stepMs),
    recordsDelivered: 0,
    recordsFailed: 0,
    requests: 0,
    requestsFailed: 0,
  }));
}

function bucketize(rows: HourlyCounters[], start: Date, count: number, stepMs: number): StatsBucket[] {
  const buckets = emptyBuckets(start, count, stepMs);
  for (const row of rows) {
    const index = Math.floor((row.hour.getTime() - start.getTime()) / stepMs);
    const bucket = buckets[index];
    if (index < 0 || !bucket) continue;
    bucket.recordsDelivered += row.recordsDelivered;
    bucket.recordsFailed += row.recordsFailed;
    bucket.requests += row.requests;
    bucket.requestsFailed += row.requestsFailed;
  }
  return buckets;
}

/** 48 hourly buckets, oldest first, ending with `now`'s hour; hours without counters are zero. */
export function hourlyBuckets(rows: HourlyCounters[], now: Date): StatsBucket[] {
  return bucketize(rows, hoursStart(now), HOURS_SHOWN, HOUR_MS);
}

/** 30 daily (UTC) buckets, oldest first, ending with `now`'s day. */
export function dailyBuckets(rows: HourlyCounters[], now: Date): StatsBucket[] {
  return bucketize(rows, daysStart(now), DAYS_SHOWN, DAY_MS);
}

/** Totals, error rate and latency percentiles of the counters given. */
export function summarize(rows: HourlyCounters[]): StatsSummary {
  const sum = (pick: (row: HourlyCounters) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const requests = sum((row) => row.requests);
  const requestsFailed = sum((row) => row.requestsFailed);
  const recordsDelivered = sum((row) => row.recordsDelivered);
  const recordsFailed = sum((row) => row.recordsFailed);
  const histogram = addHistograms(rows.map((row) => row.latencyHistogram));
  return {
    recordsDelivered,
    recordsFailed,
    requests,
    requestsFailed,
    // Of the records that reached an end, the share that failed: records refused inside an
    // accepted request (a 207) count, requests retried until they went through do not.
    errorRate:
      recordsDelivered + recordsFailed > 0 ? recordsFailed / (recordsDelivered + recordsFailed) : null,
    p50Ms: percentileBound(histogram, 50),
    p95Ms: percentileBound(histogram, 95),
  };
}

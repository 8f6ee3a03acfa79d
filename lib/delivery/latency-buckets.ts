/**
 * Request durations are counted per hour in these buckets (upper bounds, ms), so p50 and p95 over
 * any span come from adding a few histograms rather than reading every attempt.
 */
export const LATENCY_BUCKETS_MS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, Infinity];

export function latencyHistogram(durationsMs: number[]): number[] {
  const histogram = LATENCY_BUCKETS_MS.map(() => 0);
  for (const duration of durationsMs) {
    const index = LATENCY_BUCKETS_MS.findIndex((bound) => duration <= bound);
    histogram[index] = (histogram[index] ?? 0) + 1;
  }
  return histogram;
}

/** Adds histograms bucket by bucket (a missing or short one counts as zeros). */
export function addHistograms(histograms: (number[] | null | undefined)[]): number[] {
  const total = LATENCY_BUCKETS_MS.map(() => 0);
  for (const histogram of histograms) {
    histogram?.forEach((count, index) => {
      if (index < total.length) total[index] = (total[index] ?? 0) + count;
    });
  }
  return total;
}

/**
 * The bucket bound at or below which `percentile`% of requests finished, or null with no requests.
 * Infinity means "over the largest bound" (30 s).
 */
export function percentileBound(histogram: number[], percentile: number): number | null {
  const count = histogram.reduce((sum, n) => sum + n, 0);
  if (count === 0) return null;
  const rank = Math.ceil((percentile / 100) * count);
  let seen = 0;
  for (const [index, n] of histogram.entries()) {
    seen += n;
    if (seen >= rank) return LATENCY_BUCKETS_MS[index] ?? null;
  }
  return null;
}

/**
 * The most arrivals within any span of `windowMs` (arrivals at t and t + windowMs are apart): how an
 * API counting over a sliding window sees a rate limit. Used by the rate-limit tests and the bench.
 */
export function maxInSlidingWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

export const formatCount = (value: number) => value.toLocaleString("en-US");

/** "≤ 250 ms", "≤ 2.5 s", "> 30 s": a latency bucket's bound, or "—" without requests. */
export function formatLatencyBound(ms: number | null): string {
  if (ms === null) return "—";
  if (ms === Number.POSITIVE_INFINITY) return "> 30 s";
  return ms < 1000 ? `≤ ${ms} ms` : `≤ ${ms / 1000} s`;
}

/** "2.5 %", "0 %"; "—" without requests. */
export function formatRate(rate: number | null): string {
  if (rate === null) return "—";
  const percent = rate * 100;
  return `${percent < 10 && percent > 0 ? percent.toFixed(1) : Math.round(percent)} %`;
}

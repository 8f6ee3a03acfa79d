/**
 * Records as people refer to them: by their number in the dataset (#1 is the first record it
 * received), and runs of consecutive numbers as ranges: "#1,069–#1,168", not a hundred ids.
 */

export function recordNumber(position: number): string {
  return `#${position.toLocaleString("en-US")}`;
}

/** "#3", "#1–#3", "#1–#3, #7, #9–#12", in ascending order. */
export function recordNumbers(positions: readonly number[]): string {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end + 1 < sorted.length && (sorted[end + 1] as number) === (sorted[end] as number) + 1) end++;
    const first = sorted[start] as number;
    const last = sorted[end] as number;
    parts.push(first === last ? recordNumber(first) : `${recordNumber(first)}–${recordNumber(last)}`);
    start = end + 1;
  }
  return parts.join(", ");
}

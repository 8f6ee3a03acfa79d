import type { RunStatus } from "@/lib/db/generated/client";

/** A destination whose runs deliver nothing this many times in a row is set to failing. */
export const FAILING_AFTER_FAILED_RUNS = 3;

export type RunCounts = { recordsDelivered: number; recordsFailed: number };

/** How a finished run went, from what it delivered and what went to the dead letter. */
export function runOutcome(counts: RunCounts): Exclude<RunStatus, "running" | "cancelled"> {
  if (counts.recordsFailed === 0) return "succeeded";
  return counts.recordsDelivered > 0 ? "partially_failed" : "failed";
}

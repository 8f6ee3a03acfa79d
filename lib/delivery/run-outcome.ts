import type { RunStatus } from "@/lib/db/generated/client";
import { RUN_TRANSITIONS, type RunCounts, settleEvent } from "./model/run-state";

/** A destination whose runs deliver nothing this many times in a row is set to failing. */
export const FAILING_AFTER_FAILED_RUNS = 3;

/** How a finished run went, from what it delivered and what went to the dead letter. */
export function runOutcome(counts: RunCounts): Exclude<RunStatus, "running" | "cancelled"> {
  return RUN_TRANSITIONS.running[settleEvent(counts)];
}

/**
 * A run's status. Every run opens running; it ends once: succeeded, partially_failed or failed by
 * what it delivered when nothing of it is left in flight (or failed with its destination), or
 * cancelled when Pause or Activate replaces it. A finished run never changes again.
 */
import type { RunStatus } from "@/lib/db/generated/client";
import { defineMachine, refuse, type TransitionTable } from "./state-machine";

export type RunState = RunStatus;

export const RUN_EVENTS = ["succeed", "partiallyFail", "fail", "cancel"] as const;

export type RunEvent = (typeof RUN_EVENTS)[number];

/** The status a run is opened with. */
export const RUN_OPENS_AS = "running" satisfies RunState;

const FINISHED = refuse("This run has finished: its outcome no longer changes.");
const finished = { succeed: FINISHED, partiallyFail: FINISHED, fail: FINISHED, cancel: FINISHED };

export const RUN_TRANSITIONS = {
  running: { succeed: "succeeded", partiallyFail: "partially_failed", fail: "failed", cancel: "cancelled" },
  succeeded: finished,
  partially_failed: finished,
  failed: finished,
  cancelled: finished,
} as const satisfies TransitionTable<RunState, RunEvent>;

export const runMachine = defineMachine<RunState, RunEvent>(RUN_TRANSITIONS);

/** Runs still going: those any run event applies to. */
export const OPEN_RUN_STATES: readonly RunState[] = runMachine.fromStates("cancel");

export type RunCounts = { recordsDelivered: number; recordsFailed: number };

/** How a run whose work is done ends, from what it delivered and what went to the dead letter. */
export function settleEvent(counts: RunCounts): Exclude<RunEvent, "cancel"> {
  if (counts.recordsFailed === 0) return "succeed";
  return counts.recordsDelivered > 0 ? "partiallyFail" : "fail";
}

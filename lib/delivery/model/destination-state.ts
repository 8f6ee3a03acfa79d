/**
 * A destination's status and what moves it. Draft until first activated; active while it delivers;
 * paused by the user; failing when delivery stopped itself (the API refused the credential, what it
 * sends with is gone, or its runs kept delivering nothing). Only Activate leaves paused or failing.
 */
import type { DestinationStatus } from "@/lib/db/generated/client";
import { defineMachine, refuse, type TransitionTable } from "./state-machine";

export type DestinationState = DestinationStatus;

export const DESTINATION_EVENTS = [
  "activate",
  "pause",
  /** Run Now and Retry Failed Records: no change of state, allowed only where workers deliver. */
  "runNow",
  "retryFailedRecords",
  /** The API refused the credential (401 after a refresh, 403). */
  "credentialRejected",
  /** The credential or inspector the configuration sends with no longer exists. */
  "targetMissing",
  /** FAILING_AFTER_FAILED_RUNS runs in a row delivered nothing. */
  "failedRunsExceeded",
] as const;

export type DestinationEvent = (typeof DESTINATION_EVENTS)[number];

/** The events by which delivery stops itself: each moves an active destination to failing. */
export type DestinationFailure = Extract<
  DestinationEvent,
  "credentialRejected" | "targetMissing" | "failedRunsExceeded"
>;

const NOT_PAUSABLE = refuse("Only an active destination can be paused.");
const RUN_NOT_ACTIVE = refuse("Activate the destination first.");
const RETRY_NOT_ACTIVE = refuse("Activate the destination first: retried records are sent by its workers.");
// Failures come from sending, and only an active destination sends; a failing one stays in the
// episode it is in, which raised its one alert already.
const SENDS_NOTHING = refuse("Only an active destination sends, so only an active one can start failing.");
const ALREADY_FAILING = refuse("This destination is failing already.");

export const DESTINATION_TRANSITIONS = {
  draft: {
    activate: "active",
    pause: NOT_PAUSABLE,
    runNow: RUN_NOT_ACTIVE,
    retryFailedRecords: RETRY_NOT_ACTIVE,
    credentialRejected: SENDS_NOTHING,
    targetMissing: SENDS_NOTHING,
    failedRunsExceeded: SENDS_NOTHING,
  },
  // Activating an active destination changes nothing: a second click is not an error.
  active: {
    activate: "active",
    pause: "paused",
    runNow: "active",
    retryFailedRecords: "active",
    credentialRejected: "failing",
    targetMissing: "failing",
    failedRunsExceeded: "failing",
  },
  paused: {
    activate: "active",
    pause: NOT_PAUSABLE,
    runNow: RUN_NOT_ACTIVE,
    retryFailedRecords: RETRY_NOT_ACTIVE,
    credentialRejected: SENDS_NOTHING,
    targetMissing: SENDS_NOTHING,
    failedRunsExceeded: SENDS_NOTHING,
  },
  // Pausing a failing destination keeps its records queued and its alerts quiet until Activate.
  failing: {
    activate: "active",
    pause: "paused",
    runNow: refuse("This destination is failing: fix the cause shown above, then Activate."),
    retryFailedRecords: refuse(
      "This destination is failing: fix the cause shown above and Activate it, then retry.",
    ),
    credentialRejected: ALREADY_FAILING,
    targetMissing: ALREADY_FAILING,
    failedRunsExceeded: ALREADY_FAILING,
  },
} as const satisfies TransitionTable<DestinationState, DestinationEvent>;

export const destinationMachine = defineMachine<DestinationState, DestinationEvent>(DESTINATION_TRANSITIONS);

/** Whether workers send a destination's records in this state. */
const SENDS: Record<DestinationState, boolean> = {
  draft: false,
  active: true,
  paused: false,
  failing: false,
};

/** The states whose destinations workers deliver: the `WHERE status IN (…)` of every job and sweep. */
export const SENDING_STATES: readonly DestinationState[] = destinationMachine.states.filter(
  (state) => SENDS[state],
);

export function sends(state: DestinationState): boolean {
  return SENDS[state];
}

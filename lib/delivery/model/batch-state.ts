/**
 * A delivery batch's state. A batch row is waiting (a retry's backoff or a Retry-After not yet
 * over) or due; a wave claims the due ones and sends them; the outcome deletes the row (delivered,
 * or its records dead-lettered), sets it waiting again, or leaves it due (held: the credential was
 * refused, or the wave stopped before sending it). A batch built with an older configuration
 * version is replaced by batches built with the current one before it is sent.
 */
import { defineMachine, refuse, type TransitionTable } from "./state-machine";

export const BATCH_STATES = ["waiting", "due", "sending", "delivered", "deadLettered", "rebuilt"] as const;

export type BatchState = (typeof BATCH_STATES)[number];

export const BATCH_EVENTS = [
  /** Its time came, or Run Now or Activate made every waiting batch due at once. */
  "wake",
  "claim",
  "deliver",
  "retryLater",
  "fail",
  "hold",
  /** Claimed, then not sent: the wave stopped (Pause, an edit, the worker stopping). */
  "putBack",
  "rebuild",
] as const;

export type BatchEvent = (typeof BATCH_EVENTS)[number];

const NOT_CLAIMED = refuse("Only a batch a wave has claimed is sent.");
const GONE = refuse("This batch is no longer queued: its records were delivered, dead-lettered or rebuilt.");
const notSending = { deliver: NOT_CLAIMED, retryLater: NOT_CLAIMED, fail: NOT_CLAIMED, hold: NOT_CLAIMED };
const gone = {
  wake: GONE,
  claim: GONE,
  deliver: GONE,
  retryLater: GONE,
  fail: GONE,
  hold: GONE,
  putBack: GONE,
  rebuild: GONE,
};

export const BATCH_TRANSITIONS = {
  waiting: {
    wake: "due",
    claim: refuse("This batch waits for its retry time."),
    ...notSending,
    putBack: NOT_CLAIMED,
    rebuild: NOT_CLAIMED,
  },
  due: {
    wake: "due",
    claim: "sending",
    ...notSending,
    putBack: NOT_CLAIMED,
    rebuild: NOT_CLAIMED,
  },
  sending: {
    wake: "sending",
    claim: refuse("Another wave is sending this batch."),
    deliver: "delivered",
    retryLater: "waiting",
    fail: "deadLettered",
    hold: "due",
    putBack: "due",
    rebuild: "rebuilt",
  },
  delivered: gone,
  deadLettered: gone,
  rebuilt: gone,
} as const satisfies TransitionTable<BatchState, BatchEvent>;

export const batchMachine = defineMachine<BatchState, BatchEvent>(BATCH_TRANSITIONS);

/** Whether the batch's row stays in `delivery_batches` in this state. */
const ROW_KEPT: Record<BatchState, boolean> = {
  waiting: true,
  due: true,
  sending: true,
  delivered: false,
  deadLettered: false,
  rebuilt: false,
};

export function keepsRow(state: BatchState): boolean {
  return ROW_KEPT[state];
}

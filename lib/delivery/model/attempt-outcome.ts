/**
 * What one request's attempt came to, as `delivery_attempts.outcome` stores it (a check constraint
 * holds the column to these values), and what it does to the batch that was sent.
 */
import { type BatchEvent, type BatchState, batchMachine } from "./batch-state";

export type AttemptOutcome = "delivered" | "partial" | "retry" | "failed" | "held" | "job_status";

type OutcomeFacts = {
  /** The API accepted the request; for "partial", it refused some of its records all the same. */
  accepted: boolean;
  /** What the attempt does to its batch; null for a call that sends no batch. */
  batchEvent: BatchEvent | null;
};

const FACTS = {
  delivered: { accepted: true, batchEvent: "deliver" },
  partial: { accepted: true, batchEvent: "deliver" },
  retry: { accepted: false, batchEvent: "retryLater" },
  failed: { accepted: false, batchEvent: "fail" },
  // The credential was refused: the records are not to blame, so they wait in their batch.
  held: { accepted: false, batchEvent: "hold" },
  // A call asking an API how an accepted batch job is doing (lib/delivery/batch-jobs.ts): logged
  // so the user sees it, it carries no records and moves no batch.
  job_status: { accepted: false, batchEvent: null },
} as const satisfies Record<AttemptOutcome, OutcomeFacts>;

export const ATTEMPT_OUTCOMES = Object.keys(FACTS) as AttemptOutcome[];

/** Outcomes of requests the API accepted: the `outcome IN (…)` of "last success" queries. */
export const ACCEPTED_OUTCOMES: readonly AttemptOutcome[] = ATTEMPT_OUTCOMES.filter(
  (outcome) => FACTS[outcome].accepted,
);

export function batchEventOf(outcome: AttemptOutcome): BatchEvent | null {
  return FACTS[outcome].batchEvent;
}

/** The state an attempt's outcome leaves its batch in (a batch being sent is "sending"). */
export function batchStateAfter(outcome: AttemptOutcome): BatchState {
  const event = batchEventOf(outcome);
  if (event === null) throw new Error(`A "${outcome}" call sends no batch, so it moves none.`);
  const step = batchMachine.transition("sending", event);
  if (!step.ok)
    throw new Error(`An attempt that came to "${outcome}" cannot move its batch: ${step.message}`);
  return step.to;
}

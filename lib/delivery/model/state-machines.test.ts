import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { StateConflict, UserError } from "@/lib/actions/user-error";
import type { DestinationStatus, RunStatus } from "@/lib/db/generated/client";
import {
  ACCEPTED_OUTCOMES,
  ATTEMPT_OUTCOMES,
  type AttemptOutcome,
  batchEventOf,
  batchStateAfter,
} from "./attempt-outcome";
import { BATCH_EVENTS, BATCH_STATES, type BATCH_TRANSITIONS, batchMachine, keepsRow } from "./batch-state";
import {
  DESTINATION_EVENTS,
  type DESTINATION_TRANSITIONS,
  destinationMachine,
  SENDING_STATES,
} from "./destination-state";
import { OPEN_RUN_STATES, RUN_EVENTS, type RUN_TRANSITIONS, runMachine, settleEvent } from "./run-state";
import { defineMachine, refuse, requireTransition, type StateMachine } from "./state-machine";

// Every machine, with the complete state list it must cover (Prisma's enum where the column is one).
const machines = [
  ["destination", destinationMachine, ["draft", "active", "paused", "failing"], DESTINATION_EVENTS],
  ["run", runMachine, ["running", "succeeded", "partially_failed", "failed", "cancelled"], RUN_EVENTS],
  ["batch", batchMachine, BATCH_STATES, BATCH_EVENTS],
] as const satisfies readonly [string, StateMachine<string, string>, readonly string[], readonly string[]][];

describe.each(machines)("the %s state machine", (_name, machine, states, events) => {
  it("has a row for every state and a column for every event", () => {
    expect([...machine.states].sort()).toEqual([...states].sort());
    expect([...machine.events].sort()).toEqual([...events].sort());
  });

  it("answers every state × event with a known state or a message for people", () => {
    const machineOf = machine as StateMachine<string, string>;
    for (const state of states) {
      for (const event of events) {
        const step = machineOf.transition(state, event);
        if (step.ok) expect(states).toContain(step.to);
        else expect(step.message).toMatch(/^[A-Z].{10,}\.$/);
      }
    }
  });

  it("lets every event happen somewhere and reaches every state but the first", () => {
    const machineOf = machine as StateMachine<string, string>;
    for (const event of events) expect(machineOf.fromStates(event)).not.toHaveLength(0);
    const reached = new Set(
      states.flatMap((state) =>
        events.flatMap((event) => {
          const step = machineOf.transition(state, event);
          return step.ok ? [step.to] : [];
        }),
      ),
    );
    expect(states.filter((state) => !reached.has(state))).toEqual(
      machine === batchMachine ? [] : [states[0]],
    );
  });
});

describe("destination transitions", () => {
  it("are keyed by Prisma's DestinationStatus, so a new status fails the type check", () => {
    expectTypeOf<keyof typeof DESTINATION_TRANSITIONS>().toEqualTypeOf<DestinationStatus>();
    // @ts-expect-error a table without a row for "failing" is not a destination table
    defineMachine<DestinationStatus, "pause">({ draft: {}, active: {}, paused: {} });
  });

  it("keep the guards the pages and workers rely on", () => {
    expect(destinationMachine.fromStates("pause")).toEqual(["active", "failing"]);
    expect(destinationMachine.target("pause")).toBe("paused");
    expect(destinationMachine.fromStates("credentialRejected")).toEqual(["active"]);
    expect(destinationMachine.target("failedRunsExceeded")).toBe("failing");
    expect(destinationMachine.fromStates("runNow")).toEqual(["active"]);
    expect(SENDING_STATES).toEqual(["active"]);
    expect(destinationMachine.transition("paused", "pause")).toEqual({
      ok: false,
      from: "paused",
      message: "Only an active destination can be paused.",
    });
    expect(destinationMachine.transition("failing", "runNow")).toMatchObject({
      message: "This destination is failing: fix the cause shown above, then Activate.",
    });
  });

  it("refuse with a StateConflict, a UserError carrying the table's message", () => {
    const refusal = (() => {
      try {
        requireTransition(destinationMachine, "draft", "runNow");
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(StateConflict);
    expect(refusal).toBeInstanceOf(UserError);
    expect(refusal).toMatchObject({ message: "Activate the destination first." });
    expect(requireTransition(destinationMachine, "failing", "activate")).toBe("active");
  });
});

describe("run transitions", () => {
  it("are keyed by Prisma's RunStatus and end a run once", () => {
    expectTypeOf<keyof typeof RUN_TRANSITIONS>().toEqualTypeOf<RunStatus>();
    expect(OPEN_RUN_STATES).toEqual(["running"]);
    for (const event of RUN_EVENTS) expect(runMachine.fromStates(event)).toEqual(["running"]);
  });

  it("settle by what the run delivered and dead-lettered", () => {
    expect(settleEvent({ recordsDelivered: 0, recordsFailed: 0 })).toBe("succeed");
    expect(settleEvent({ recordsDelivered: 3, recordsFailed: 1 })).toBe("partiallyFail");
    expect(settleEvent({ recordsDelivered: 0, recordsFailed: 1 })).toBe("fail");
  });
});

describe("attempt outcomes and batches", () => {
  it("move a batch being sent to a state whose row is kept or removed as record-outcomes expects", () => {
    const batchOutcomes = ATTEMPT_OUTCOMES.filter((outcome) => batchEventOf(outcome) !== null);
    const after = (outcome: AttemptOutcome) =>
      batchMachine.transition("sending", batchEventOf(outcome) ?? "claim");
    expect(Object.fromEntries(batchOutcomes.map((outcome) => [outcome, after(outcome)]))).toEqual({
      delivered: { ok: true, from: "sending", to: "delivered" },
      partial: { ok: true, from: "sending", to: "delivered" },
      retry: { ok: true, from: "sending", to: "waiting" },
      failed: { ok: true, from: "sending", to: "deadLettered" },
      held: { ok: true, from: "sending", to: "due" },
    });
    expect(batchOutcomes.map(batchStateAfter).map(keepsRow)).toEqual([false, false, true, false, true]);
    // A batch job's status call sends no batch: nothing may move one by it.
    expect(ATTEMPT_OUTCOMES.filter((outcome) => batchEventOf(outcome) === null)).toEqual(["job_status"]);
    expect(() => batchStateAfter("job_status")).toThrow(/sends no batch/);
    expect(BATCH_STATES.filter(keepsRow)).toEqual(["waiting", "due", "sending"]);
    expect(ACCEPTED_OUTCOMES).toEqual(["delivered", "partial"]);
  });

  it("are exhaustive tables", () => {
    expectTypeOf<keyof typeof BATCH_TRANSITIONS>().toEqualTypeOf<(typeof BATCH_STATES)[number]>();
    // @ts-expect-error an event without its column fails the type check
    defineMachine<"a" | "b", "go">({ a: { go: "b" }, b: {} });
    expect(defineMachine({ a: { go: refuse("Not from here.") } }).fromStates("go")).toEqual([]);
  });
});

describe("the attempt outcome column", () => {
  it("is held by the database to the model's outcomes", () => {
    const migrations = path.join(process.cwd(), "prisma", "migrations");
    const check = readdirSync(migrations)
      .filter((name) => name.endsWith("_attempt_outcome_check"))
      .sort()
      .map((name) => readFileSync(path.join(migrations, name, "migration.sql"), "utf8"))
      .at(-1);
    // The newest migration that sets the check says what it holds now.
    const listed = /"outcome" IN \(([^)]*)\)/.exec(check ?? "")?.[1];
    expect(listed?.split(",").map((value) => value.trim().replaceAll("'", ""))).toEqual(ATTEMPT_OUTCOMES);
  });
});

/**
 * The shape every delivery state machine shares: a table from each state and each event to the
 * next state, or to a refusal that says why not. Tables are typed `Record<State, Record<Event, …>>`,
 * so a state or event added without its row or column fails the type check, and every guard in the
 * code (a `WHERE status IN (…)`, a button, a message) is read from the table instead of restated.
 */
import { StateConflict } from "@/lib/actions/user-error";

/** A transition that may not happen: the state stays, and the message is shown to whoever asked. */
export type Refusal = { readonly refused: string };

export function refuse(message: string): Refusal {
  return { refused: message };
}

export type TransitionTable<State extends string, Event extends string> = Record<
  State,
  Record<Event, State | Refusal>
>;

export type Transition<State extends string> =
  | { ok: true; from: State; to: State }
  | { ok: false; from: State; message: string };

export type StateMachine<State extends string, Event extends string> = {
  readonly states: readonly State[];
  readonly events: readonly Event[];
  readonly table: TransitionTable<State, Event>;
  transition(from: State, event: Event): Transition<State>;
  /** Whether `event` may happen in `state`. */
  allows(state: State, event: Event): boolean;
  /** The states `event` may happen in: the `WHERE status IN (…)` of an update that applies it. */
  fromStates(event: Event): State[];
  /**
   * The one state `event` leads to from every state it may happen in, for updates that apply it to
   * rows in any of those states at once. Throws when the table sends it to different states.
   */
  target(event: Event): State;
};

export function defineMachine<State extends string, Event extends string>(
  table: TransitionTable<State, Event>,
): StateMachine<State, Event> {
  const states = Object.keys(table) as State[];
  const first = states[0];
  const events = first === undefined ? [] : (Object.keys(table[first]) as Event[]);
  const transition = (from: State, event: Event): Transition<State> => {
    const next: State | Refusal = table[from][event];
    return typeof next === "string"
      ? { ok: true, from, to: next }
      : { ok: false, from, message: next.refused };
  };
  const fromStates = (event: Event) => states.filter((state) => transition(state, event).ok);
  return {
    states,
    events,
    table,
    transition,
    allows: (state, event) => transition(state, event).ok,
    fromStates,
    target(event) {
      const targets = new Set(
        fromStates(event).flatMap((state) => {
          const step = transition(state, event);
          return step.ok ? [step.to] : [];
        }),
      );
      const [only] = targets;
      if (targets.size !== 1 || only === undefined) {
        throw new Error(`"${event}" does not lead to one state: ${[...targets].join(", ") || "none"}`);
      }
      return only;
    },
  };
}

/** The next state, or the refusal's message as a `UserError`: shown to the user as it is. */
export function requireTransition<State extends string, Event extends string>(
  machine: StateMachine<State, Event>,
  from: State,
  event: Event,
): State {
  const step = machine.transition(from, event);
  if (!step.ok) throw new StateConflict(step.message);
  return step.to;
}

/**
 * Pre-flight over the dataset, not only the previewed records: each problem that keeps records
 * from being sent (a required field missing, a wrong type, an expression error, the API's own
 * rules) and each field left out (a HubSpot property the portal lacks), with how many of the
 * checked records have it and a few of them as examples.
 */
import type { BuildResult, RecordProblem } from "@/lib/payload/types";

export type PreflightIssue = {
  kind: NonNullable<RecordProblem["kind"]> | "endpoint-rule";
  /** The target field at fault, when there is one. */
  field: string | null;
  /** The first record's message; the others differ only in their values. */
  message: string;
  count: number;
  examples: string[];
};

export type PreflightDrop = {
  field: string;
  message: string;
  action: "left out" | "created";
  count: number;
  examples: string[];
};

export type Preflight = {
  /** Records checked: the dataset's newest, all of them when it holds at most this many. */
  checked: number;
  total: number;
  exact: boolean;
  issues: PreflightIssue[];
  dropped: PreflightDrop[];
  skipped: number;
};

const EXAMPLES = 3;

export function summarisePreflight(built: BuildResult, checked: number, total: number): Preflight {
  const issues = new Map<string, PreflightIssue>();
  const each = built.problems.flatMap((problem) =>
    problem.details
      ? problem.details.map((detail) => ({
          recordId: problem.recordId,
          message: detail.message,
          field: detail.target,
          kind: detail.kind,
        }))
      : [problem],
  );
  for (const problem of each) {
    // Problems on a target field group by field and kind; the API's rules by their message.
    const key = problem.field ? `${problem.kind}:${problem.field}` : `rule:${problem.message}`;
    const known = issues.get(key);
    if (known) {
      known.count += 1;
      if (known.examples.length < EXAMPLES) known.examples.push(problem.recordId);
    } else {
      issues.set(key, {
        kind: problem.kind ?? "endpoint-rule",
        field: problem.field ?? null,
        message: problem.message,
        count: 1,
        examples: [problem.recordId],
      });
    }
  }
  const dropped = new Map<string, PreflightDrop>();
  for (const drop of built.dropped) {
    const known = dropped.get(drop.field);
    // A record names a field once.
    if (known) {
      known.count += 1;
      if (known.examples.length < EXAMPLES) known.examples.push(drop.recordId);
    } else {
      dropped.set(drop.field, {
        field: drop.field,
        message: drop.message,
        action: drop.action,
        count: 1,
        examples: [drop.recordId],
      });
    }
  }
  return {
    checked,
    total,
    exact: checked >= total,
    issues: [...issues.values()].sort((a, b) => b.count - a.count),
    dropped: [...dropped.values()].sort((a, b) => b.count - a.count),
    skipped: built.skipped.length,
  };
}

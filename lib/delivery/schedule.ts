/** When a scheduled destination runs next: every N minutes, or a cron expression (UTC). */
import { CronExpressionParser } from "cron-parser";

export type Schedule =
  | { kind: "continuous" }
  | { kind: "interval"; minutes: number }
  | { kind: "cron"; expression: string };

/** A cron expression's problem in words, or null when it is valid. */
export function cronProblem(expression: string): string | null {
  if (expression.trim().split(/\s+/).length !== 5) {
    return "Use five fields: minute, hour, day of month, month, day of week (e.g. 0 * * * * for hourly).";
  }
  try {
    CronExpressionParser.parse(expression, { tz: "UTC" });
    return null;
  } catch (error) {
    return `Not a valid cron expression: ${(error as Error).message}`;
  }
}

export function nextRunAt(schedule: Schedule, after: Date): Date | null {
  switch (schedule.kind) {
    case "continuous":
      return null;
    case "interval":
      return new Date(after.getTime() + schedule.minutes * 60_000);
    case "cron":
      return CronExpressionParser.parse(schedule.expression, { currentDate: after, tz: "UTC" })
        .next()
        .toDate();
  }
}

/** "every 15 minutes", "cron 0 * * * * (UTC)", "as records arrive". */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case "continuous":
      return "As records arrive";
    case "interval":
      return schedule.minutes === 1 ? "Every minute" : `Every ${schedule.minutes} minutes`;
    case "cron":
      return `Cron ${schedule.expression} (UTC)`;
  }
}

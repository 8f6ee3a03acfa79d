import { describe, expect, it } from "vitest";
import { cronProblem, describeSchedule, nextRunAt } from "./schedule";

const after = new Date("2026-11-23T12:07:30Z");

describe("schedule", () => {
  it("runs every N minutes after the last start", () => {
    expect(nextRunAt({ kind: "interval", minutes: 15 }, after)).toEqual(new Date("2026-11-23T12:22:30Z"));
  });

  it("follows a cron expression in UTC", () => {
    expect(nextRunAt({ kind: "cron", expression: "0 * * * *" }, after)).toEqual(
      new Date("2026-11-23T13:00:00Z"),
    );
    expect(nextRunAt({ kind: "cron", expression: "30 6 * * 1" }, after)).toEqual(
      new Date("2026-11-30T06:30:00Z"),
    );
  });

  it("has no next time when records are sent as they arrive", () => {
    expect(nextRunAt({ kind: "continuous" }, after)).toBeNull();
  });

  it("explains an invalid cron expression", () => {
    expect(cronProblem("0 * * * *")).toBeNull();
    expect(cronProblem("every hour")).toMatch(/five fields/);
    expect(cronProblem("61 * * * *")).toMatch(/Not a valid cron expression/);
  });

  it("describes schedules in words", () => {
    expect(describeSchedule({ kind: "interval", minutes: 15 })).toBe("Every 15 minutes");
    expect(describeSchedule({ kind: "cron", expression: "0 * * * *" })).toBe("Cron 0 * * * * (UTC)");
    expect(describeSchedule({ kind: "continuous" })).toBe("As records arrive");
  });
});

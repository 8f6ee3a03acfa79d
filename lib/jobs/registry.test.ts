import type { JobHelpers } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { CRONTAB, type JobHandlers, taskListOf } from "./registry";

const DESTINATION = "6f1d8a3e-5b7c-4e2a-9d10-3c4b5a6e7f80";

describe("the job registry", () => {
  it("schedules the periodic jobs one at a time", () => {
    expect(CRONTAB.split("\n")).toEqual(["* * * * * sweep ?max=1", "0 3 * * * retention ?max=1"]);
  });

  it("hands each handler its payload parsed by the job's schema, and refuses a malformed one", async () => {
    const seen: unknown[] = [];
    const handlers: JobHandlers = {
      deliver: async (payload) => void seen.push(payload),
      sweep: async (payload) => void seen.push(payload),
      "alert-webhook": async (payload) => void seen.push(payload),
      retention: async (payload) => void seen.push(payload),
    };
    const tasks = taskListOf(handlers);
    expect(Object.keys(tasks).sort()).toEqual(["alert-webhook", "deliver", "retention", "sweep"]);
    const helpers = {} as JobHelpers;
    await tasks.deliver?.({ destinationId: DESTINATION, extra: 1 }, helpers);
    // graphile-worker's cron adds its own `_cron` field: not part of the payload.
    await tasks.sweep?.({ _cron: { ts: "2026-12-01T00:00:00Z", backfilled: false } }, helpers);
    expect(seen).toEqual([{ destinationId: DESTINATION }, {}]);
    await expect(tasks["alert-webhook"]?.({ notificationId: 42 }, helpers)).rejects.toThrow(/notificationId/);
    expect(seen).toHaveLength(2);
  });
});

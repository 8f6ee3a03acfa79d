import { describe, expect, it } from "vitest";
import { runOutcome } from "./run-outcome";

describe("runOutcome", () => {
  it("names a run by what it delivered and what it dead-lettered", () => {
    expect(runOutcome({ recordsDelivered: 10, recordsFailed: 0 })).toBe("succeeded");
    expect(runOutcome({ recordsDelivered: 0, recordsFailed: 0 })).toBe("succeeded");
    expect(runOutcome({ recordsDelivered: 8, recordsFailed: 2 })).toBe("partially_failed");
    expect(runOutcome({ recordsDelivered: 0, recordsFailed: 2 })).toBe("failed");
  });
});

import { describe, expect, it } from "vitest";
import { errorSignature } from "./error-signature";

describe("errorSignature", () => {
  it.each([
    [
      "Rate limited; try again at 15:46:39 UTC.",
      "Rate limited; try again at ….",
      "Rate limited; try again at 15:47:02 UTC.",
    ],
    ["invalid record 5", "invalid record N", "invalid record 10"],
    [
      "HTTP 404: job 3f2c1a9e-1111-4c3b-9f5e-0123456789ab not found",
      "HTTP 404: job … not found",
      "HTTP 404: job 7a2c1a9e-2222-4c3b-9f5e-0123456789cd not found",
    ],
    [
      "Batch job job_8f3k2m1x failed at 2026-12-07T15:02:11Z",
      "Batch job … failed at …",
      "Batch job job_9a7b6c5d failed at 2026-12-07T15:03:11.120Z",
    ],
  ])("gives %j and its variations one signature", (first, signature, other) => {
    expect(errorSignature(first)).toBe(signature);
    expect(errorSignature(other)).toBe(signature);
  });

  it("keeps status codes and words apart", () => {
    expect(errorSignature("HTTP 503 Service Unavailable")).toBe("HTTP 503 Service Unavailable");
    expect(errorSignature("HTTP 429: slow down")).not.toBe(errorSignature("HTTP 503: slow down"));
    expect(errorSignature("Property email is invalid")).not.toBe(errorSignature("Property phone is invalid"));
  });
});

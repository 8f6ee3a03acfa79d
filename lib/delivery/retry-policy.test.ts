import { describe, expect, it } from "vitest";
import type { OutboundResult } from "@/lib/http/types";
import { backoffMs, judge } from "./retry-policy";

const now = new Date("2026-11-23T12:00:00Z");
const settings = { maxAttempts: 6, retryBaseSeconds: 60 };
const half = () => 0.5;

function answer(status: number, headers: Record<string, string> = {}): OutboundResult {
  return {
    ok: true,
    status,
    statusText: "",
    headers,
    body: "",
    bodyBytes: 0,
    bodyTruncated: false,
    durationMs: 5,
    finalUrl: "https://api.example.com/x",
  };
}

function failure(kind: "timeout" | "connect" | "refused-by-policy" | "invalid-request"): OutboundResult {
  return { ok: false, error: { kind, message: kind }, durationMs: 5 };
}

describe("judge", () => {
  it("counts 2xx as delivered", () => {
    expect(judge(answer(200), 1, settings, now, half)).toEqual({ kind: "delivered" });
    expect(judge(answer(204), 1, settings, now, half)).toEqual({ kind: "delivered" });
  });

  it.each([408, 425, 429, 500, 502, 503])("retries %i", (status) => {
    const verdict = judge(answer(status), 1, settings, now, half);
    expect(verdict.kind).toBe("retry");
  });

  it.each([400, 404, 409, 422])("dead-letters %i at once", (status) => {
    expect(judge(answer(status), 1, settings, now, half)).toEqual({
      kind: "failed",
      errorClass: `http_${status}`,
    });
  });

  it("holds on 401 and 403: nothing gets through until access is fixed", () => {
    expect(judge(answer(401), 1, settings, now, half).kind).toBe("rejected");
    expect(judge(answer(403), 1, settings, now, half).kind).toBe("rejected");
  });

  it("retries timeouts and connection errors, not refused addresses or malformed requests", () => {
    expect(judge(failure("timeout"), 1, settings, now, half)).toMatchObject({
      kind: "retry",
      errorClass: "timeout",
    });
    expect(judge(failure("connect"), 1, settings, now, half).kind).toBe("retry");
    expect(judge(failure("refused-by-policy"), 1, settings, now, half).kind).toBe("failed");
    expect(judge(failure("invalid-request"), 1, settings, now, half).kind).toBe("failed");
  });

  it("gives up after the last attempt", () => {
    expect(judge(answer(503), 5, settings, now, half).kind).toBe("retry");
    expect(judge(answer(503), 6, settings, now, half)).toEqual({ kind: "failed", errorClass: "http_5xx" });
  });

  it("waits for a Retry-After in seconds or as a date when it is later than the backoff", () => {
    const seconds = judge(answer(429, { "retry-after": "120" }), 1, settings, now, half);
    expect(seconds).toMatchObject({ kind: "retry", at: new Date("2026-11-23T12:02:00Z") });
    const date = judge(
      answer(503, { "retry-after": "Mon, 23 Nov 2026 12:05:00 GMT" }),
      1,
      settings,
      now,
      half,
    );
    expect(date).toMatchObject({ kind: "retry", at: new Date("2026-11-23T12:05:00Z") });
    // A Retry-After sooner than the backoff does not shorten it.
    const sooner = judge(answer(429, { "retry-after": "1" }), 3, settings, now, () => 1);
    expect(sooner).toMatchObject({ kind: "retry", at: new Date("2026-11-23T12:04:00Z") });
  });
});

describe("backoffMs", () => {
  it("doubles the cap each attempt, with full jitter below it", () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffMs(attempt, 60, () => 1))).toEqual([
      60_000, 120_000, 240_000, 480_000, 960_000,
    ]);
    expect(backoffMs(3, 60, () => 0)).toBe(0);
    expect(backoffMs(3, 60, () => 0.25)).toBe(60_000);
  });

  it("spreads the default 6 attempts over at most 31 minutes", () => {
    const worst = [1, 2, 3, 4, 5].reduce((sum, attempt) => sum + backoffMs(attempt, 60, () => 1), 0);
    expect(worst).toBe(31 * 60_000);
  });

  it("never waits more than an hour", () => {
    expect(backoffMs(20, 60, () => 1)).toBe(3_600_000);
  });
});

import { describe, expect, it } from "vitest";
import { describeRateLimit, rateLimitInForce, rateLimitUsage, requestsInLastHour } from "./rate-limit-usage";

describe("the rate limit in force", () => {
  it("is the credential's when it sets both numbers, else the connector's", () => {
    const connector = { requests: 3000, windowSeconds: 60 };
    expect(rateLimitInForce({ rateLimitRequests: 100, rateLimitWindowSeconds: 10 }, connector)).toEqual({
      requests: 100,
      windowSeconds: 10,
      source: "credential",
    });
    expect(rateLimitInForce({ rateLimitRequests: 100, rateLimitWindowSeconds: null }, connector)).toEqual({
      ...connector,
      source: "connector",
    });
    expect(rateLimitInForce({ rateLimitRequests: null, rateLimitWindowSeconds: null }, null)).toBeNull();
  });

  it("reads as people say it", () => {
    expect(describeRateLimit({ requests: 3000, windowSeconds: 60 })).toBe("3,000 requests per minute");
    expect(describeRateLimit({ requests: 200, windowSeconds: 10 })).toBe("200 requests per 10 seconds");
    expect(describeRateLimit({ requests: 1, windowSeconds: 7200 })).toBe("1 request per 2 hours");
  });
});

describe("usage", () => {
  it("counts this hour and the part of the previous one still within 60 minutes", () => {
    const quarterPast = new Date("2027-06-01T10:15:00Z");
    expect(requestsInLastHour({ currentHour: 100, previousHour: 400 }, quarterPast)).toBe(400);
    expect(
      requestsInLastHour({ currentHour: 100, previousHour: 400 }, new Date("2027-06-01T10:00:00Z")),
    ).toBe(500);
  });

  it("is expressed per the limit's window and as a share of it", () => {
    expect(rateLimitUsage(36_000, { requests: 200, windowSeconds: 10, source: "connector" })).toEqual({
      requestsLastHour: 36_000,
      perWindow: 100,
      share: 0.5,
    });
    expect(rateLimitUsage(60, null)).toEqual({ requestsLastHour: 60, perWindow: 60, share: null });
  });
});

import { describe, expect, it } from "vitest";
import { describeKeyExpiry, keyExpiry } from "./key-expiry";

const now = new Date("2026-11-23T12:00:00Z");

describe("keyExpiry", () => {
  it("counts the days left on a key created today", () => {
    const expiry = keyExpiry(new Date("2026-11-23"), 365, now);
    expect(expiry.state).toBe("ok");
    expect(describeKeyExpiry(expiry, "Hotjar")).toBe("Expires in 365 days");
  });

  it("warns from 30 days before expiry", () => {
    expect(keyExpiry(new Date("2025-12-23"), 365, now).state).toBe("expiring");
    expect(keyExpiry(new Date("2025-12-22T00:00:00Z"), 365, now).daysLeft).toBe(29);
    expect(keyExpiry(new Date("2026-01-30"), 365, now).state).toBe("ok");
  });

  it("says what to do once expired", () => {
    const expiry = keyExpiry(new Date("2025-11-01"), 365, now);
    expect(expiry.state).toBe("expired");
    expect(describeKeyExpiry(expiry, "Hotjar")).toBe("Expired — regenerate the key in Hotjar.");
  });
});

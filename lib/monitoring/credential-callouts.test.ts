import { describe, expect, it } from "vitest";
import { credentialCallout, vendorName } from "./credential-callouts";

const now = new Date("2026-11-23T12:00:00Z");
const hotjar = { name: "Hotjar API", keyLifetimeDays: 365 };
const row = (keyCreatedAt: string | null) => ({
  id: "c1",
  name: "Hotjar production",
  keyCreatedAt: keyCreatedAt ? new Date(keyCreatedAt) : null,
  usedBy: 2,
});

describe("credentialCallout", () => {
  it("warns about a key that expires within 30 days, saying what to do", () => {
    expect(credentialCallout(row("2025-12-10"), hotjar, now)).toMatchObject({
      state: "expiring",
      daysLeft: 17,
      summary: "Expires in 17 days",
      action: "Regenerate the key in Hotjar and update the credential.",
      href: "/credentials/c1",
      usedBy: 2,
    });
  });

  it("says how long ago a key expired", () => {
    expect(credentialCallout(row("2025-11-20"), hotjar, now)).toMatchObject({
      state: "expired",
      summary: "Expired 3 days ago",
    });
  });

  it("stays quiet for a fresh key, a key without a date and a connector whose keys do not expire", () => {
    expect(credentialCallout(row("2026-06-01"), hotjar, now)).toBeNull();
    expect(credentialCallout(row(null), hotjar, now)).toBeNull();
    expect(credentialCallout(row("2020-01-01"), { name: "HubSpot API" }, now)).toBeNull();
    expect(credentialCallout(row("2020-01-01"), undefined, now)).toBeNull();
  });
});

describe("vendorName", () => {
  it("drops the connector's trailing API", () => {
    expect(vendorName({ name: "Hotjar API" })).toBe("Hotjar");
    expect(vendorName({ name: "HTTP API" })).toBe("HTTP");
  });
});

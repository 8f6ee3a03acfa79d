import { describe, expect, it } from "vitest";
import { keyExpiry } from "@/lib/credentials/key-expiry";
import { credentialExpiryAlert, dedupeKeys, runFailedAlert } from "./alert-texts";

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date("2027-06-01T00:00:00Z");
const credential = { id: "c1", name: "Hotjar production" };

describe("credential expiry alerts", () => {
  it("say nothing while the key has more than 30 days", () => {
    const expiry = keyExpiry(new Date(now.getTime() - 300 * DAY_MS), 365, now);
    expect(credentialExpiryAlert(credential, expiry, "Hotjar")).toBeNull();
  });

  it("warn with the days left and the date", () => {
    const expiry = keyExpiry(new Date(now.getTime() - 364 * DAY_MS), 365, now);
    expect(credentialExpiryAlert(credential, expiry, "Hotjar")).toMatchObject({
      kind: "credential_expiring",
      title: 'Credential "Hotjar production" expires in 1 day',
      message: expect.stringContaining("expires on 2027-06-02"),
      link: "/credentials/c1",
    });
  });

  it("say when the key expired and what to do", () => {
    const expiry = keyExpiry(new Date(now.getTime() - 400 * DAY_MS), 365, now);
    const alert = credentialExpiryAlert(credential, expiry, "Hotjar");
    expect(alert?.kind).toBe("credential_expired");
    expect(alert?.message).toMatch(/^Its API key expired on 2027-04-27\. Generate a new key in Hotjar/);
  });

  it("are deduplicated per state and expiry date", () => {
    const at = new Date("2027-06-02T00:00:00Z");
    expect(dedupeKeys.credentialExpiry("credential_expiring", "c1", at)).toBe(
      "credential_expiring:c1:2027-06-02",
    );
    expect(dedupeKeys.credentialExpiry("credential_expired", "c1", at)).not.toBe(
      dedupeKeys.credentialExpiry("credential_expiring", "c1", at),
    );
  });
});

describe("run failed alerts", () => {
  it("count the records and quote the last error", () => {
    const alert = runFailedAlert({ id: "d1", name: "Signups" }, { recordsFailed: 1, lastError: "HTTP 400" });
    expect(alert.message).toBe("It delivered nothing; 1 record went to Failed Records. Last error: HTTP 400");
    expect(runFailedAlert({ id: "d1", name: "Signups" }, { recordsFailed: 3, lastError: null }).message).toBe(
      "It delivered nothing; 3 records went to Failed Records.",
    );
  });
});

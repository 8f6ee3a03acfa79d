import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyId, open, seal } from "./encryption";

const current = randomBytes(32);
const old = randomBytes(32);

describe("seal and open", () => {
  it("round-trips a secret without leaving it readable in the envelope", () => {
    const envelope = seal("s3cret-value-1234", { current }, "cred-1:clientSecret");
    expect(envelope).not.toContain("s3cret");
    expect(envelope.split(".")[1]).toBe(keyId(current));
    expect(open(envelope, { current }, "cred-1:clientSecret")).toBe("s3cret-value-1234");
  });

  it("uses a fresh IV every time", () => {
    expect(seal("same", { current }, "a")).not.toBe(seal("same", { current }, "a"));
  });

  it("refuses an envelope moved to another owner", () => {
    const envelope = seal("s3cret", { current }, "cred-1:clientSecret");
    expect(() => open(envelope, { current }, "cred-2:clientSecret")).toThrow(/altered or belongs elsewhere/);
  });

  it("refuses a tampered ciphertext", () => {
    const parts = seal("s3cret", { current }, "a").split(".");
    parts[4] = Buffer.from("x").toString("base64url");
    expect(() => open(parts.join("."), { current }, "a")).toThrow(/altered/);
  });

  it("opens values sealed with a previous key after rotation, and names a missing key", () => {
    const envelope = seal("before rotation", { current: old }, "a");
    expect(open(envelope, { current, previous: [old] }, "a")).toBe("before rotation");
    expect(() => open(envelope, { current }, "a")).toThrow(`key id ${keyId(old)}`);
  });
});

import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/reset-database";
import { SOCKET_ADDRESS_HEADER } from "./client-address";
import { signIn, WRONG_CREDENTIALS } from "./sign-in";
import {
  ACCOUNT_FAILURES_BEFORE_DELAY,
  MAX_FAILED_SIGN_INS,
  MAX_FAILED_SIGN_INS_PER_ADDRESS,
} from "./sign-in-throttle";
import { signUp } from "./sign-up";

// The socket's peer, as scripts/next-server.mjs reports it; OUTFLOW_TRUSTED_PROXIES is unset.
const from = (address: string, forwardedFor?: string) =>
  new Headers({
    [SOCKET_ADDRESS_HEADER]: address,
    ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
  });
const password = "correct horse battery";

beforeEach(async () => {
  await resetDatabase();
  await signUp(
    { name: "Ada", email: "ada@example.com", password, workspaceName: "Acme" },
    from("203.0.113.1"),
  );
});
afterAll(disconnectDb);

describe("signIn", () => {
  it("creates a session for the right password", async () => {
    const before = await db().session.count();
    await signIn({ email: "ada@example.com", password }, from("203.0.113.1"));
    expect(await db().session.count()).toBe(before + 1);
  });

  it("records the session's address from the socket, not from a spoofed X-Forwarded-For", async () => {
    await signIn({ email: "ada@example.com", password }, from("203.0.113.5", "192.0.2.66"));
    const newest = await db().session.findFirst({ orderBy: { createdAt: "desc" } });
    expect(newest?.ipAddress).toBe("203.0.113.5");
  });

  it("says the email or password is wrong, on the password field", async () => {
    await expect(
      signIn({ email: "ada@example.com", password: "wrong password!" }, from("203.0.113.1")),
    ).rejects.toMatchObject({
      message: WRONG_CREDENTIALS,
      field: "password",
    });
    await expect(signIn({ email: "nobody@example.com", password }, from("203.0.113.1"))).rejects.toThrow(
      WRONG_CREDENTIALS,
    );
  });

  it("refuses further attempts after repeated failures, even with the right password", async () => {
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      await expect(
        signIn({ email: "ada@example.com", password: "guess" }, from("198.51.100.9")),
      ).rejects.toThrow(WRONG_CREDENTIALS);
    }
    await expect(signIn({ email: "ada@example.com", password }, from("198.51.100.9"))).rejects.toThrow(
      /Too many failed sign-in attempts for this account from your address\. Try again in \d+ minutes\./,
    );
    // Another client address is not held back by this one's failures.
    await signIn({ email: "ada@example.com", password }, from("203.0.113.1"));
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) {
      await expect(
        signIn({ email: "ada@example.com", password: "guess" }, from("198.51.100.10")),
      ).rejects.toThrow();
    }
    await signIn({ email: "ada@example.com", password }, from("198.51.100.10"));
    await expect(
      signIn({ email: "ada@example.com", password: "guess" }, from("198.51.100.10")),
    ).rejects.toThrow(WRONG_CREDENTIALS);
    await signIn({ email: "ada@example.com", password }, from("198.51.100.10"));
  });

  it("does not let a rotated X-Forwarded-For reset the count of failures", async () => {
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      await expect(
        signIn({ email: "ada@example.com", password: "guess" }, from("198.51.100.20", `192.0.2.${i}`)),
      ).rejects.toThrow(WRONG_CREDENTIALS);
    }
    await expect(
      signIn({ email: "ada@example.com", password: "guess" }, from("198.51.100.20", "192.0.2.200")),
    ).rejects.toThrow(/Too many failed sign-in attempts/);
  });

  it("does not let failures with a victim's address in X-Forwarded-For lock the victim out", async () => {
    for (let i = 0; i < MAX_FAILED_SIGN_INS + 1; i++) {
      await signIn(
        { email: "ada@example.com", password: "guess" },
        from("198.51.100.21", "203.0.113.1"),
      ).catch(() => undefined);
    }
    await signIn({ email: "ada@example.com", password }, from("203.0.113.1"));
  });

  it("holds back an address that guesses at many accounts, saying how long to wait", async () => {
    for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_ADDRESS; i++) {
      await expect(
        signIn({ email: `user${i}@example.com`, password: "guess" }, from("198.51.100.22")),
      ).rejects.toThrow(WRONG_CREDENTIALS);
    }
    await expect(signIn({ email: "ada@example.com", password }, from("198.51.100.22"))).rejects.toThrow(
      /Too many failed sign-in attempts from your address\. Try again in \d+ minutes\./,
    );
  });

  it("slows guesses at one account from many addresses, while its owner's usual address still signs in", async () => {
    await signIn({ email: "ada@example.com", password }, from("203.0.113.1"));
    for (let i = 0; i <= ACCOUNT_FAILURES_BEFORE_DELAY; i++) {
      await expect(
        signIn({ email: "ada@example.com", password: "guess" }, from(`198.51.100.${100 + i}`)),
      ).rejects.toThrow(WRONG_CREDENTIALS);
    }
    await expect(
      signIn({ email: "ada@example.com", password: "guess" }, from("198.51.100.200")),
    ).rejects.toThrow(/Too many failed sign-in attempts for this account\. Try again in \d+ seconds?\./);
    // The owner's address has signed in before: the delay that slows the guesses does not apply to it.
    await signIn({ email: "ada@example.com", password }, from("203.0.113.1"));
  });
});

import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/reset-database";
import { signIn, WRONG_CREDENTIALS } from "./sign-in";
import { MAX_FAILED_SIGN_INS } from "./sign-in-throttle";
import { signUp } from "./sign-up";

const from = (address: string) => new Headers({ "x-forwarded-for": address });
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
      /Too many failed sign-in attempts\. Try again in \d+ minutes/,
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
});

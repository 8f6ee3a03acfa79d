import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "@/lib/actions/user-error";
import { db, disconnectDb } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/reset-database";
import { createInvite } from "@/lib/workspaces/invites";
import { removeMember } from "@/lib/workspaces/members";
import { INVITE_UNUSABLE, SIGN_UP_CLOSED, signUp, signUpMode } from "./sign-up";

const requestHeaders = () => new Headers({ "x-outflow-socket-address": "203.0.113.7" });
const password = "correct horse battery";

async function signUpOwner() {
  await signUp({ name: "Ada", email: "ada@example.com", password, workspaceName: "Acme" }, requestHeaders());
  const owner = await db().user.findUniqueOrThrow({
    where: { email: "ada@example.com" },
    include: { membership: true },
  });
  return { userId: owner.id, workspaceId: owner.membership?.workspaceId as string };
}

function tokenOf(url: string): string {
  return new URL(url).searchParams.get("invite") as string;
}

beforeEach(resetDatabase);
afterAll(disconnectDb);

describe("signUp", () => {
  it("lets the first person create the workspace and own it", async () => {
    expect(await signUpMode(undefined)).toEqual({ kind: "first-user" });
    await signUpOwner();
    const membership = await db().membership.findFirstOrThrow({ include: { workspace: true, user: true } });
    expect(membership.role).toBe("owner");
    expect(membership.workspace.name).toBe("Acme");
    expect(membership.user.email).toBe("ada@example.com");
    expect(await signUpMode(undefined)).toEqual({ kind: "closed" });
  });

  it("refuses a second sign-up without an invite and creates no account", async () => {
    await signUpOwner();
    await expect(
      signUp({ name: "Eve", email: "eve@example.com", password }, requestHeaders()),
    ).rejects.toThrow(SIGN_UP_CLOSED);
    expect(await db().user.count({ where: { email: "eve@example.com" } })).toBe(0);
  });

  it("lets an invited person join the same workspace once", async () => {
    const owner = await signUpOwner();
    const { url } = await createInvite(owner.workspaceId, owner.userId, null);
    expect(await signUpMode(tokenOf(url))).toEqual({ kind: "invite", workspaceName: "Acme", email: null });

    await signUp(
      { name: "Bob", email: "bob@example.com", password, inviteToken: tokenOf(url) },
      requestHeaders(),
    );
    const bob = await db().membership.findFirstOrThrow({ where: { user: { email: "bob@example.com" } } });
    expect(bob).toMatchObject({ workspaceId: owner.workspaceId, role: "editor" });

    await expect(
      signUp(
        { name: "Carol", email: "carol@example.com", password, inviteToken: tokenOf(url) },
        requestHeaders(),
      ),
    ).rejects.toThrow(INVITE_UNUSABLE);
    expect(await db().user.count({ where: { email: "carol@example.com" } })).toBe(0);
  });

  it("refuses an expired invite", async () => {
    const owner = await signUpOwner();
    const { url, invite } = await createInvite(owner.workspaceId, owner.userId, null);
    await db().invite.update({ where: { id: invite.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(
      signUp(
        { name: "Bob", email: "bob@example.com", password, inviteToken: tokenOf(url) },
        requestHeaders(),
      ),
    ).rejects.toThrow(INVITE_UNUSABLE);
  });

  it("holds an invite made for one address to that address", async () => {
    const owner = await signUpOwner();
    const { url } = await createInvite(owner.workspaceId, owner.userId, "bob@example.com");
    const attempt = signUp(
      { name: "Eve", email: "eve@example.com", password, inviteToken: tokenOf(url) },
      requestHeaders(),
    );
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow("This invite is for bob@example.com");
  });

  it("reports an email that is already taken on the email field", async () => {
    const owner = await signUpOwner();
    const { url } = await createInvite(owner.workspaceId, owner.userId, null);
    const attempt = signUp(
      { name: "Ada 2", email: "ada@example.com", password, inviteToken: tokenOf(url) },
      requestHeaders(),
    );
    await expect(attempt).rejects.toMatchObject({ field: "email" });
    // The failed attempt must not use up the invite.
    expect(await signUpMode(tokenOf(url))).toMatchObject({ kind: "invite" });
  });

  it("creates exactly one workspace when two people race to be first", async () => {
    const results = await Promise.allSettled([
      signUp({ name: "Ada", email: "ada@example.com", password, workspaceName: "A" }, requestHeaders()),
      signUp({ name: "Bob", email: "bob@example.com", password, workspaceName: "B" }, requestHeaders()),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().workspace.count()).toBe(1);
    expect(await db().user.count()).toBe(1);
  });
});

describe("removeMember", () => {
  it("removes a member's account and sessions but never the owner", async () => {
    const owner = await signUpOwner();
    const { url } = await createInvite(owner.workspaceId, owner.userId, null);
    await signUp(
      { name: "Bob", email: "bob@example.com", password, inviteToken: tokenOf(url) },
      requestHeaders(),
    );
    const bob = await db().user.findUniqueOrThrow({ where: { email: "bob@example.com" } });
    expect(await db().session.count({ where: { userId: bob.id } })).toBe(1);

    await removeMember(owner.workspaceId, bob.id);
    expect(await db().user.count({ where: { id: bob.id } })).toBe(0);
    expect(await db().session.count({ where: { userId: bob.id } })).toBe(0);

    await expect(removeMember(owner.workspaceId, owner.userId)).rejects.toThrow("An owner cannot be removed");
  });
});

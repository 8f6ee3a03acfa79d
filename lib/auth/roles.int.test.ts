/**
 * The role matrix: what `can` answers for every role and permission, that every exported server
 * action is built with the permission wrapper, and real calls through the actions per role, with the
 * audit events they leave.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { actionGuard } from "@/lib/actions/action";
import { pruneAuditEvents } from "@/lib/audit/prune-audit-events";
import { db, disconnectDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";
import type { DestinationConfig } from "@/lib/destinations/destination-config";
import { getDestination } from "@/lib/destinations/manage-destinations";
import { resetDatabase } from "@/lib/testing/reset-database";
import { startSink } from "@/lib/testing/sink";
import { createInvite } from "@/lib/workspaces/invites";
import { getAuth } from "./auth";
import { can, PERMISSIONS, type Permission, ROLES } from "./permissions";
import { signUp } from "./sign-up";

// Server actions read the request through next/headers and refresh pages through next/cache, which
// only Next provides at run time. The request here is real: a session cookie from a real sign-in.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const EXPECTED: Record<Permission, Record<Role, boolean>> = {
  "notifications.read": { viewer: true, editor: true, admin: true, owner: true },
  "apiTokens.manage": { viewer: true, editor: true, admin: true, owner: true },
  "datasets.manage": { viewer: false, editor: true, admin: true, owner: true },
  "destinations.manage": { viewer: false, editor: true, admin: true, owner: true },
  "inspector.manage": { viewer: false, editor: true, admin: true, owner: true },
  "credentials.manage": { viewer: false, editor: false, admin: true, owner: true },
  "ingestKeys.manage": { viewer: false, editor: false, admin: true, owner: true },
  "alerts.manage": { viewer: false, editor: false, admin: true, owner: true },
  "audit.read": { viewer: false, editor: false, admin: true, owner: true },
  "members.manage": { viewer: false, editor: false, admin: false, owner: true },
};

describe("the permission table", () => {
  it("answers every role × permission as the matrix says", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const permission of Object.keys(EXPECTED) as Permission[]) {
      for (const role of ROLES) {
        expect({ permission, role, allowed: can(role, permission) }).toEqual({
          permission,
          role,
          allowed: EXPECTED[permission][role],
        });
      }
    }
  });
});

function actionModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return actionModules(full);
    return entry.name === "actions.ts" ? [full] : [];
  });
}

describe("every server action", () => {
  // Signing in, up and out is what a person does before they have a role.
  const publicByDesign = new Set([
    "app/(auth)/actions.ts:signInAction",
    "app/(auth)/actions.ts:signUpAction",
  ]);
  const plainByDesign = new Set(["app/(app)/actions.ts:signOutAction"]);

  it("is built with the permission wrapper, so a new unguarded action fails here", async () => {
    const root = path.resolve("app");
    const modules = actionModules(root);
    expect(modules.length).toBeGreaterThanOrEqual(9);
    const unguarded: string[] = [];
    for (const file of modules) {
      const relative = path.relative(process.cwd(), file);
      const exports: Record<string, unknown> = await import(file);
      for (const [name, value] of Object.entries(exports)) {
        const key = `${relative}:${name}`;
        if (plainByDesign.has(key)) continue;
        const guard = actionGuard(value);
        if (guard === undefined || (guard === "public" && !publicByDesign.has(key))) unguarded.push(key);
      }
    }
    expect(unguarded).toEqual([]);
  });
});

const password = "correct horse battery";
const ADDRESS = "203.0.113.9";
const people: Record<Role, { email: string; cookie: string; userId: string }> = {} as never;

async function signInAs(role: Role) {
  const { email } = people[role];
  const response = await getAuth().api.signInEmail({ body: { email, password }, asResponse: true });
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(cookie).toContain("=");
  people[role].cookie = cookie;
}

function actAs(role: Role) {
  request.headers = new Headers({ cookie: people[role].cookie, "x-outflow-socket-address": ADDRESS });
}

describe("actions per role", () => {
  let workspaceId = "";

  beforeAll(async () => {
    await resetDatabase();
    const socket = new Headers({ "x-outflow-socket-address": ADDRESS });
    await signUp(
      { name: "Olive Owner", email: "owner@example.com", password, workspaceName: "Acme" },
      socket,
    );
    const owner = await db().user.findUniqueOrThrow({
      where: { email: "owner@example.com" },
      include: { membership: true },
    });
    workspaceId = owner.membership?.workspaceId as string;
    people.owner = { email: "owner@example.com", cookie: "", userId: owner.id };
    for (const role of ["admin", "editor", "viewer"] as const) {
      const email = `${role}@example.com`;
      const { url } = await createInvite(workspaceId, owner.id, email, role);
      const inviteToken = new URL(url).searchParams.get("invite") as string;
      await signUp({ name: `${role} person`, email, password, inviteToken }, socket);
      const user = await db().user.findUniqueOrThrow({ where: { email }, include: { membership: true } });
      expect(user.membership?.role).toBe(role);
      people[role] = { email, cookie: "", userId: user.id };
    }
    for (const role of ROLES) await signInAs(role);
  });
  // Each test starts from the same members in their own roles, with nothing made or recorded yet.
  beforeEach(async () => {
    await db().$executeRawUnsafe("TRUNCATE audit_events, datasets, credentials, invites CASCADE");
    for (const role of ROLES) {
      await db().membership.update({ where: { userId: people[role].userId }, data: { role } });
    }
  });
  afterAll(disconnectDb);

  /** A dataset the editor created, as the tests that need one begin. */
  async function editorsDataset(name = "Events"): Promise<string> {
    const { createEmptyDatasetAction } = await import("@/app/(app)/datasets/actions");
    actAs("editor");
    const created = await createEmptyDatasetAction({ name });
    if (!created.ok) throw new Error(created.error);
    return created.data.id;
  }

  it("lets a viewer read but not change datasets, and says who may", async () => {
    const { createEmptyDatasetAction } = await import("@/app/(app)/datasets/actions");
    const { markAllNotificationsReadAction } = await import("@/app/(app)/notifications/actions");
    actAs("viewer");
    expect(await createEmptyDatasetAction({ name: "Viewer's" })).toEqual({
      ok: false,
      error: "Only editors, admins and owners can change datasets. Ask an editor or admin of Acme.",
    });
    expect(await markAllNotificationsReadAction({})).toEqual({ ok: true, data: { marked: 0 } });
    expect(await db().dataset.count()).toBe(0);
  });

  it("lets an editor create datasets but not regenerate ingest keys or touch credentials", async () => {
    const { createEmptyDatasetAction, regenerateIngestKeyAction } = await import(
      "@/app/(app)/datasets/actions"
    );
    const { deleteCredentialAction } = await import("@/app/(app)/credentials/actions");
    actAs("editor");
    const created = await createEmptyDatasetAction({ name: "Events" });
    expect(created.ok).toBe(true);
    const datasetId = created.ok ? created.data.id : "";
    expect(await regenerateIngestKeyAction({ id: datasetId })).toMatchObject({
      ok: false,
      error: "Only admins and owners can manage ingest keys. Ask an admin of Acme.",
    });
    expect(await deleteCredentialAction({ id: crypto.randomUUID() })).toMatchObject({
      ok: false,
      error: "Only admins and owners can manage credentials. Ask an admin of Acme.",
    });
  });

  it("lets an admin manage credentials and ingest keys, never recording a secret, but not members", async () => {
    const { saveCredentialAction } = await import("@/app/(app)/credentials/actions");
    const { regenerateIngestKeyAction } = await import("@/app/(app)/datasets/actions");
    const { createInviteAction } = await import("@/app/(app)/settings/members/actions");
    const datasetId = await editorsDataset();
    actAs("admin");
    const canary = "CANARY-ROLES-7f3a9c2e1b";
    const saved = await saveCredentialAction({
      connectorId: "hightouch",
      name: "HT",
      values: { apiKey: canary },
    });
    expect(saved.ok).toBe(true);
    expect(await regenerateIngestKeyAction({ id: datasetId })).toMatchObject({ ok: true });
    expect(await createInviteAction({ email: "", role: "viewer" })).toMatchObject({
      ok: false,
      error: "Only the workspace owner can manage members and roles. Ask the owner of Acme.",
    });

    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "credential.created" } });
    expect(event).toMatchObject({
      actorEmail: "admin@example.com",
      actorName: "admin person",
      resourceType: "credential",
      resourceName: "HT",
      address: ADDRESS,
      details: { connector: "hightouch", fieldsEntered: ["apiKey"] },
    });
    const everything = JSON.stringify(await db().auditEvent.findMany());
    expect(everything).not.toContain(canary);
    expect(everything).not.toContain(Buffer.from(canary).toString("base64"));
  });

  it("lets the owner invite with a role and change roles, but never leave the workspace without an owner", async () => {
    const { changeMemberRoleAction, createInviteAction } = await import(
      "@/app/(app)/settings/members/actions"
    );
    actAs("owner");
    expect(await createInviteAction({ email: "new@example.com", role: "viewer" })).toMatchObject({
      ok: true,
    });
    expect(await db().invite.findFirstOrThrow({ where: { email: "new@example.com" } })).toMatchObject({
      role: "viewer",
    });

    expect(await changeMemberRoleAction({ userId: people.owner.userId, role: "admin" })).toMatchObject({
      ok: false,
      fieldErrors: {
        role: "The workspace needs an owner: make another member owner before changing this role.",
      },
    });
    expect(await changeMemberRoleAction({ userId: people.viewer.userId, role: "editor" })).toEqual({
      ok: true,
      data: undefined,
    });
    expect((await db().membership.findUniqueOrThrow({ where: { userId: people.viewer.userId } })).role).toBe(
      "editor",
    );
    expect(
      await db().auditEvent.findFirstOrThrow({ where: { action: "member.role_changed" } }),
    ).toMatchObject({
      actorEmail: "owner@example.com",
      resourceName: "viewer@example.com",
      address: ADDRESS,
      details: { changes: [{ path: "role", kind: "changed", before: "viewer", after: "editor" }] },
    });
    // The change applies to the next request at once: the former viewer may now create datasets.
    const { createEmptyDatasetAction } = await import("@/app/(app)/datasets/actions");
    actAs("viewer");
    expect(await createEmptyDatasetAction({ name: "Now allowed" })).toMatchObject({ ok: true });
  });

  it("records dataset changes with who, what and the address", async () => {
    const { createEmptyDatasetAction, regenerateIngestKeyAction } = await import(
      "@/app/(app)/datasets/actions"
    );
    const datasetId = await editorsDataset("Events");
    actAs("admin");
    expect(await regenerateIngestKeyAction({ id: datasetId })).toMatchObject({ ok: true });
    actAs("owner");
    expect(await createEmptyDatasetAction({ name: "Owner's" })).toMatchObject({ ok: true });

    const events = await db().auditEvent.findMany({
      where: { resourceType: "dataset" },
      orderBy: { createdAt: "asc" },
    });
    expect(
      events.map((event) => [event.action, event.actorEmail, event.resourceName, event.address]),
    ).toEqual([
      ["dataset.created", "editor@example.com", "Events", ADDRESS],
      ["dataset.ingest_key_regenerated", "admin@example.com", "Events", ADDRESS],
      ["dataset.created", "owner@example.com", "Owner's", ADDRESS],
    ]);
  });

  it("lets an editor configure and edit a destination on an admin's credential, the edit recorded with its diff", async () => {
    const { saveCredentialAction } = await import("@/app/(app)/credentials/actions");
    const { completeDestinationAction, createDestinationDraftAction } = await import(
      "@/app/(app)/destinations/actions"
    );
    const datasetId = await editorsDataset();
    const sink = await startSink();
    try {
      actAs("admin");
      const credential = await saveCredentialAction({
        connectorId: "http",
        name: "Sink API",
        values: { authType: "bearer", token: "sink-token-for-roles-0123456789" },
        baseUrl: sink.url,
      });
      expect(credential.ok).toBe(true);
      const credentialId = credential.ok ? credential.data.id : "";

      actAs("editor");
      const draft = await createDestinationDraftAction({ datasetId, connectorId: "http" });
      expect(draft.ok).toBe(true);
      const id = draft.ok ? draft.data.id : "";
      const detail = await getDestination(workspaceId, id);
      if (!detail) throw new Error("the draft was not created");
      const config: DestinationConfig = {
        ...detail.config,
        name: "Sink events",
        credentialId,
        endpoint: {
          ...detail.config.endpoint,
          mode: "manual",
          method: "POST",
          url: `${sink.url}/events`,
          contentFormat: "json",
          headers: [],
          bodyTemplate: null,
          excludeAttributes: [],
        },
      };
      expect(await completeDestinationAction({ id, config })).toEqual({ ok: true, data: { version: 1 } });
      const edited = { ...config, endpoint: { ...config.endpoint, url: `${sink.url}/v2/events` } };
      expect(await completeDestinationAction({ id, config: edited })).toEqual({
        ok: true,
        data: { version: 2 },
      });

      const event = await db().auditEvent.findFirstOrThrow({ where: { action: "destination.edited" } });
      expect(event).toMatchObject({
        actorEmail: "editor@example.com",
        resourceType: "destination",
        resourceId: id,
        resourceName: "Sink events",
        address: ADDRESS,
        details: {
          version: 2,
          changes: [
            {
              path: "URL",
              kind: "changed",
              before: `${sink.url}/events`,
              after: `${sink.url}/v2/events`,
            },
          ],
        },
      });
    } finally {
      await sink.close();
    }
  });

  it("prunes audit events older than the retention period", async () => {
    const old = await db().auditEvent.create({
      data: {
        workspaceId,
        actorName: "Gone",
        actorEmail: "gone@example.com",
        action: "dataset.deleted",
        resourceType: "dataset",
        address: ADDRESS,
        createdAt: new Date(Date.now() - 400 * 24 * 60 * 60 * 1000),
      },
    });
    const kept = await db().auditEvent.count();
    expect(await pruneAuditEvents({ retentionDays: 365 })).toBe(1);
    expect(await db().auditEvent.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db().auditEvent.count()).toBe(kept - 1);
  });
});

import type { Role } from "@/lib/db/generated/client";

/** Roles from least to most trusted; each can do everything the one before it can. */
export const ROLES = ["viewer", "editor", "admin", "owner"] as const satisfies readonly Role[];

/**
 * What a role may do, named by what it allows. Reading the workspace (everything but secrets) needs
 * no permission beyond membership.
 */
export const PERMISSIONS = {
  /** Mark notifications read: a viewer's own view, not a change to the workspace. */
  "notifications.read": "viewer",
  /** Create and revoke one's own API tokens, each with at most one's own role. */
  "apiTokens.manage": "viewer",
  /** Create, rename, upload to and delete datasets. */
  "datasets.manage": "editor",
  /** Create and change destinations, test them, activate, pause, run now, retry and discard. */
  "destinations.manage": "editor",
  /** Create and delete Request Inspector bins. */
  "inspector.manage": "editor",
  /** Create, edit, delete and test credentials. */
  "credentials.manage": "admin",
  /** Create and regenerate ingest keys. */
  "ingestKeys.manage": "admin",
  /** Set, test and remove the alert webhook. */
  "alerts.manage": "admin",
  /** Read the audit log. */
  "audit.read": "admin",
  /** Invite people, change roles and remove members. */
  "members.manage": "owner",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(PERMISSIONS[permission]);
}

const WHO: Record<Role, string> = {
  viewer: "Everyone in the workspace",
  editor: "Only editors, admins and owners",
  admin: "Only admins and owners",
  owner: "Only the workspace owner",
};

const WHAT: Record<Permission, string> = {
  "notifications.read": "read notifications",
  "apiTokens.manage": "manage their API tokens",
  "datasets.manage": "change datasets",
  "destinations.manage": "change destinations",
  "inspector.manage": "manage Request Inspectors",
  "credentials.manage": "manage credentials",
  "ingestKeys.manage": "manage ingest keys",
  "alerts.manage": "change the alert webhook",
  "audit.read": "read the audit log",
  "members.manage": "manage members and roles",
};

const ASK: Record<Role, string> = {
  viewer: "a member",
  editor: "an editor or admin",
  admin: "an admin",
  owner: "the owner",
};

/** Why a role is refused, and whom to ask: "Only admins and owners can manage credentials. Ask an admin of Acme." */
export function refusal(permission: Permission, workspaceName: string): string {
  const needed = PERMISSIONS[permission];
  return `${WHO[needed]} can ${WHAT[permission]}. Ask ${ASK[needed]} of ${workspaceName}.`;
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  editor: "Editor",
  viewer: "Viewer",
};

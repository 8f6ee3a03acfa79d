/**
 * Personal API tokens. A token is 256 random bits; only its SHA-256 is stored (a token is not a
 * password: it cannot be guessed, so a slow hash would buy nothing), and it is shown once.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { UserError } from "@/lib/actions/user-error";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";

/** Says what the string is wherever it turns up (a log, a secret scanner): an Outflow token. */
const TOKEN_PREFIX = "oft_";

export const TOKEN_ROLES = ["viewer", "editor", "admin"] as const satisfies readonly Role[];

export const newTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token, e.g. after the script that uses it.").max(100),
  role: z.enum(TOKEN_ROLES, "Choose viewer, editor or admin."),
  /** Null: the token never expires. */
  expiresInDays: z.number().int("Enter whole days.").min(1, "At least 1 day.").max(3650).nullable(),
});
export type NewToken = z.infer<typeof newTokenSchema>;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The token, shown this once; its hash and first characters are stored. */
export async function createApiToken(
  owner: { user: { id: string }; workspace: { id: string }; role: Role },
  input: NewToken,
): Promise<{ id: string; token: string }> {
  if (ROLES.indexOf(input.role) > ROLES.indexOf(owner.role)) {
    throw new UserError(
      `A token can do at most what you can: you are ${ROLE_LABELS[owner.role].toLowerCase()}.`,
      "role",
    );
  }
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const created = await db().apiToken.create({
    data: {
      workspaceId: owner.workspace.id,
      userId: owner.user.id,
      name: input.name,
      role: input.role,
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    },
    select: { id: true },
  });
  return { id: created.id, token };
}

export type TokenSummary = {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The user's own tokens, newest first, revoked ones included (they say so). */
export function listApiTokens(workspaceId: string, userId: string): Promise<TokenSummary[]> {
  return db().apiToken.findMany({
    where: { workspaceId, userId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      role: true,
      prefix: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
}

/** Stops the token at once: its next call gets 401. Returns its name. */
export async function revokeApiToken(workspaceId: string, userId: string, id: string): Promise<string> {
  const token = await db().apiToken.findFirst({ where: { id, workspaceId, userId }, select: { name: true } });
  if (!token) throw new UserError("This token no longer exists.");
  await db().apiToken.updateMany({
    where: { id, workspaceId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return token.name;
}

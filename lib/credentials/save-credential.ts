import { randomUUID } from "node:crypto";
import { UserError } from "@/lib/actions/user-error";
import { completeBaseUrl } from "@/lib/connectors/base-url";
import { findConnector } from "@/lib/connectors/registry";
import type { Connector, ResolvedCredential } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { forgetAccessToken } from "./access-token";
import type { ParsedCredentialInput } from "./credential-input";
import { isInScope, outOfScopeMessage, scopeKey } from "./credential-scope";
import { seal } from "./encryption";
import { currentKeyring, secretOwner } from "./keyring";
import { visibleFields } from "./visible-fields";

/** Stands in for a kept secret while validating, so "required" passes without decrypting it. */
export const KEPT = "\u0000kept";

export function secretHint(value: string): string {
  return value.length >= 12 ? value.slice(-4) : "";
}

/**
 * Creates or updates a credential. Secret fields left blank keep their saved value; fields that
 * no longer apply (another auth type was chosen) are dropped with their secrets. The connection
 * status goes back to untested whenever what is sent could change.
 */
export async function saveCredential(
  workspaceId: string,
  input: ParsedCredentialInput,
): Promise<{ id: string }> {
  const connector = findConnector(input.connectorId);
  if (!connector?.needsCredential) throw new UserError("Choose a connector that takes a credential.");
  if (input.baseUrl) input = { ...input, baseUrl: completeBaseUrl(connector, input.baseUrl) };
  if (!connector.defaultBaseUrl && !input.baseUrl) {
    throw new UserError("Enter the API base URL, e.g. https://api.example.com/v1.", "baseUrl");
  }

  const existing = input.id
    ? await db().credential.findFirst({
        where: { id: input.id, workspaceId },
        select: { ...SCOPE_FIELDS, secrets: true, secretHints: true, connectorId: true },
      })
    : null;
  if (input.id && (!existing || existing.connectorId !== connector.id))
    throw new UserError("This credential no longer exists.");
  const keptSecrets = (existing?.secrets ?? {}) as Record<string, string>;

  const values = validateValues(connector, input.values, keptSecrets);
  if (existing) requireSecretsWhenScopeMoves(connector, existing, input, values);
  requireTestInScope(connector, {
    values,
    baseUrl: (input.baseUrl ?? connector.defaultBaseUrl).replace(/\/+$/, ""),
    tokenUrl: input.tokenUrl,
    allowedDomains: input.allowedDomains,
  });
  const id = input.id ?? randomUUID();
  const settings: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  const hints: Record<string, string> = {};
  const oldHints = (existing?.secretHints ?? {}) as Record<string, string>;
  for (const field of visibleFields(connector, values)) {
    const value = values[field.name];
    if (value === undefined) continue;
    if (!field.secret) settings[field.name] = value;
    else if (value === KEPT) {
      secrets[field.name] = keptSecrets[field.name] as string;
      hints[field.name] = oldHints[field.name] ?? "";
    } else {
      secrets[field.name] = seal(value, currentKeyring(), secretOwner(id, field.name));
      hints[field.name] = secretHint(value);
    }
  }

  const data = {
    name: input.name,
    settings,
    secrets,
    secretHints: hints,
    baseUrl: input.baseUrl ?? null,
    tokenUrl: input.tokenUrl ?? null,
    allowedDomains: input.allowedDomains,
    keyCreatedAt: connector.keyLifetimeDays
      ? new Date(input.keyCreatedAt ?? new Date().toISOString().slice(0, 10))
      : null,
    rateLimitRequests: input.rateLimitRequests ?? null,
    rateLimitWindowSeconds: input.rateLimitWindowSeconds ?? null,
    status: "untested" as const,
    lastTestMessage: null,
    cachedToken: null,
    cachedTokenExpiresAt: null,
    // Another token or base URL may be another account: its facts are read again on next use.
    accountFacts: Prisma.DbNull,
    accountFactsAt: null,
  };
  try {
    if (input.id) {
      await db().credential.update({ where: { id }, data });
      forgetAccessToken(id);
    } else await db().credential.create({ data: { id, workspaceId, connectorId: connector.id, ...data } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new UserError("Another credential already has this name.", "name");
    }
    throw error;
  }
  return { id };
}

/** What decides where a saved credential's secrets may go (see scopeKey). */
export const SCOPE_FIELDS = { settings: true, baseUrl: true, tokenUrl: true, allowedDomains: true } as const;

type StoredScope = {
  settings: unknown;
  baseUrl: string | null;
  tokenUrl: string | null;
  allowedDomains: string[];
};

/**
 * A saved secret is only ever sent where it was saved for: when the base URL, token URL or
 * Allowed domains now reach another origin, every secret left blank (kept) must be entered again,
 * or a member could re-point the credential at their own server and have Outflow send it there.
 */
export function requireSecretsWhenScopeMoves(
  connector: Connector,
  stored: StoredScope,
  input: Pick<ParsedCredentialInput, "baseUrl" | "tokenUrl" | "allowedDomains">,
  values: Record<string, string | undefined>,
): void {
  const resolve = (
    settings: Record<string, string | undefined>,
    baseUrl: string | null | undefined,
    tokenUrl: string | null | undefined,
    allowedDomains: string[],
  ): ResolvedCredential => ({
    values: settings,
    baseUrl: (baseUrl ?? connector.defaultBaseUrl).replace(/\/+$/, ""),
    tokenUrl: tokenUrl ?? undefined,
    allowedDomains,
  });
  const before = scopeKey(
    connector,
    resolve(
      stored.settings as Record<string, string>,
      stored.baseUrl,
      stored.tokenUrl,
      stored.allowedDomains,
    ),
  );
  const after = scopeKey(connector, resolve(values, input.baseUrl, input.tokenUrl, input.allowedDomains));
  if (before === after) return;
  const fieldErrors: Record<string, string> = {};
  for (const field of visibleFields(connector, values)) {
    if (field.secret && values[field.name] === KEPT) {
      fieldErrors[`values.${field.name}`] =
        `You changed where this credential is sent (API base URL, token URL or Allowed domains): enter the ${field.label.toLowerCase()} again. A saved secret is only sent where it was saved for.`;
    }
  }
  if (Object.keys(fieldErrors).length > 0) throw UserError.forFields(fieldErrors);
}

/** Test Connection's request goes where the credential's auth may go, or it is said on the field. */
export function requireTestInScope(connector: Connector, credential: ResolvedCredential): void {
  if (connector.test?.kind !== "request") return;
  const { url } = connector.test.request(credential);
  if (isInScope(credential, url)) return;
  const field = connector.fields.some((f) => f.name === "testPath") ? "values.testPath" : "baseUrl";
  throw new UserError(outOfScopeMessage(credential, url), field);
}

/** The connector's own rules, with kept secrets counted as present. Errors point at `values.<field>`. */
export function validateValues(
  connector: Connector,
  submitted: Record<string, string>,
  keptSecrets: Record<string, string>,
): Record<string, string | undefined> {
  const merged: Record<string, string> = {};
  for (const field of connector.fields) {
    const value = submitted[field.name] ?? "";
    merged[field.name] = field.secret && value === "" && keptSecrets[field.name] ? KEPT : value;
  }
  const parsed = connector.schema.safeParse(merged);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[`values.${issue.path.join(".")}`] ??= issue.message;
    throw UserError.forFields(fieldErrors);
  }
  return parsed.data;
}

import { findConnector } from "@/lib/connectors/registry";
import type { Connector, ResolvedCredential } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { open } from "./encryption";
import { currentKeyring, secretOwner } from "./keyring";
import { secretValuesOf } from "./secret-values";

/** A credential ready to authenticate requests: decrypted, server-side only, never serialised. */
export type CredentialInUse = {
  /** Absent while testing values that are not saved yet. */
  id?: string;
  workspaceId: string;
  connector: Connector;
  resolved: ResolvedCredential;
  /** Every secret value, so that logs and errors can redact them. */
  secretValues: string[];
};

type StoredCredential = {
  id: string;
  workspaceId: string;
  connectorId: string;
  settings: unknown;
  secrets: unknown;
  baseUrl: string | null;
  tokenUrl: string | null;
  allowedDomains?: string[];
};

export function resolveStoredCredential(row: StoredCredential): CredentialInUse {
  const connector = findConnector(row.connectorId);
  if (!connector) throw new Error(`Unknown connector ${row.connectorId}`);
  const secrets: Record<string, string> = {};
  for (const [field, envelope] of Object.entries(row.secrets as Record<string, string>)) {
    secrets[field] = open(envelope, currentKeyring(), secretOwner(row.id, field));
  }
  const values = { ...(row.settings as Record<string, string>), ...secrets };
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    connector,
    resolved: {
      values,
      baseUrl: (row.baseUrl ?? connector.defaultBaseUrl).replace(/\/+$/, ""),
      tokenUrl: row.tokenUrl ?? undefined,
      allowedDomains: row.allowedDomains ?? [],
    },
    // Every stored envelope is a secret, whatever the connector's fields say today.
    secretValues: [
      ...new Set([...Object.values(secrets).filter(Boolean), ...secretValuesOf(connector, values)]),
    ],
  };
}

/** Loads and decrypts a workspace's credential, or null when it is not theirs. */
export async function loadCredentialInUse(
  workspaceId: string,
  credentialId: string,
): Promise<CredentialInUse | null> {
  const row = await db().credential.findFirst({ where: { id: credentialId, workspaceId } });
  return row ? resolveStoredCredential(row) : null;
}

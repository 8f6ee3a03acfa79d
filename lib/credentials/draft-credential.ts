import { UserError } from "@/lib/actions/user-error";
import { completeBaseUrl } from "@/lib/connectors/base-url";
import { findConnector } from "@/lib/connectors/registry";
import { db } from "@/lib/db/client";
import type { ParsedCredentialInput } from "./credential-input";
import { open } from "./encryption";
import { currentKeyring, secretOwner } from "./keyring";
import type { CredentialInUse } from "./resolve-credential";
import {
  KEPT,
  requireSecretsWhenScopeMoves,
  requireTestInScope,
  SCOPE_FIELDS,
  validateValues,
} from "./save-credential";
import { secretValuesOf } from "./secret-values";

/**
 * The credential as the form currently describes it, for Test Connection before saving. Secret
 * fields left blank on an edit use the saved values.
 */
export async function credentialFromDraft(
  workspaceId: string,
  input: ParsedCredentialInput,
): Promise<CredentialInUse> {
  const connector = findConnector(input.connectorId);
  if (!connector?.needsCredential) throw new UserError("Choose a connector that takes a credential.");
  if (input.baseUrl) input = { ...input, baseUrl: completeBaseUrl(connector, input.baseUrl) };
  const baseUrl = input.baseUrl ?? connector.defaultBaseUrl;
  if (!baseUrl) throw new UserError("Enter the API base URL, e.g. https://api.example.com/v1.", "baseUrl");

  const stored = input.id
    ? await db().credential.findFirst({
        where: { id: input.id, workspaceId },
        select: { ...SCOPE_FIELDS, id: true, secrets: true },
      })
    : null;
  if (input.id && !stored) throw new UserError("This credential no longer exists.");
  const storedSecrets = (stored?.secrets ?? {}) as Record<string, string>;

  const values = validateValues(connector, input.values, storedSecrets);
  // Before any saved secret is decrypted: a draft aimed elsewhere never gets one.
  if (stored) requireSecretsWhenScopeMoves(connector, stored, input, values);
  requireTestInScope(connector, {
    values,
    baseUrl: baseUrl.replace(/\/+$/, ""),
    tokenUrl: input.tokenUrl,
    allowedDomains: input.allowedDomains,
  });
  for (const [field, value] of Object.entries(values)) {
    if (value === KEPT && stored)
      values[field] = open(storedSecrets[field] as string, currentKeyring(), secretOwner(stored.id, field));
  }
  return {
    workspaceId,
    connector,
    resolved: {
      values,
      baseUrl: baseUrl.replace(/\/+$/, ""),
      tokenUrl: input.tokenUrl,
      allowedDomains: input.allowedDomains,
    },
    secretValues: secretValuesOf(connector, values),
  };
}

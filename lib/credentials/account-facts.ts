/**
 * What the builder must know about a credential's account (HubSpot: the portal's contact
 * properties), read through the credential and cached on it in Postgres, so every worker and the
 * preview share one copy. Read again after FRESH_MS, or at once by Refresh properties.
 */

import { UserError } from "@/lib/actions/user-error";
import type { AccountFacts } from "@/lib/connectors/templates/types";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { explainFailure } from "./explain-failure";
import { type CredentialInUse, loadCredentialInUse } from "./resolve-credential";
import { sendWithCredential } from "./send-with-credential";

export const FRESH_MS = 5 * 60 * 1000;

export type AccountFactsState = {
  facts: AccountFacts;
  /** When the facts in use were read; null when none could be. */
  readAt: Date | null;
  /** Why they could not be read this time, for the preview. */
  error?: string;
};

export async function loadAccountFacts(
  credential: CredentialInUse,
  options: { refresh?: boolean } = {},
): Promise<AccountFactsState> {
  const source = credential.connector.accountFacts;
  if (!source || !credential.id) return { facts: {}, readAt: null };
  const row = await db().credential.findUnique({
    where: { id: credential.id },
    select: { accountFacts: true, accountFactsAt: true },
  });
  const cached = row?.accountFacts ? (row.accountFacts as AccountFacts) : null;
  const readAt = row?.accountFactsAt ?? null;
  if (cached && readAt && !options.refresh && Date.now() - readAt.getTime() < FRESH_MS) {
    return { facts: cached, readAt };
  }
  const { result, secrets } = await sendWithCredential(credential, source.request(credential.resolved), {
    timeoutMs: 15_000,
    // The whole property list: a portal has hundreds, each with its options.
    maxResponseBytes: 8 * 1024 * 1024,
  });
  const parsed =
    result.ok && result.status < 300 && !result.bodyTruncated
      ? source.parse(result.body, credential.resolved)
      : null;
  if (!parsed) {
    const explained = explainFailure(credential.connector, result, secrets);
    const error = `Could not read the ${source.label}: ${explained.summary}${explained.hint ? ` ${explained.hint}` : ""}`;
    return cached ? { facts: cached, readAt, error } : { facts: {}, readAt: null, error };
  }
  const now = new Date();
  await db().credential.update({
    where: { id: credential.id },
    data: { accountFacts: parsed as Prisma.InputJsonValue, accountFactsAt: now },
  });
  return { facts: parsed, readAt: now };
}

/** Refresh properties: read again now; says how many were read, or why none could be. */
export async function refreshAccountFacts(
  workspaceId: string,
  credentialId: string,
): Promise<{ count: number | null; error: string | null }> {
  const credential = await loadCredentialInUse(workspaceId, credentialId);
  if (!credential) throw new UserError("This credential no longer exists.");
  const state = await loadAccountFacts(credential, { refresh: true });
  if (state.error) throw new UserError(state.error);
  return { count: state.facts.contactProperties?.names.length ?? null, error: null };
}

import { findConnector } from "@/lib/connectors/registry";
import { db } from "@/lib/db/client";
import type { CredentialStatus, Prisma } from "@/lib/db/generated/client";
import type { Page } from "@/lib/db/page";
import { describeKeyExpiry, keyExpiry } from "./key-expiry";

export type CredentialHealth = CredentialStatus | "expiring" | "expired";

/** What the browser may see of a credential: never a secret, only its mask. */
export type CredentialSummary = {
  id: string;
  name: string;
  connectorId: string;
  health: CredentialHealth;
  testStatus: CredentialStatus;
  lastTestedAt: Date | null;
  lastTestMessage: string | null;
  expiryText: string | null;
  settings: Record<string, string>;
  secretMasks: Record<string, string>;
  baseUrl: string | null;
  tokenUrl: string | null;
  /** Where else the credential's auth may be sent, as entered (see credential-scope.ts). */
  allowedDomains: string[];
  keyCreatedAt: string | null;
  rateLimitRequests: number | null;
  rateLimitWindowSeconds: number | null;
  /** How many destinations send with this credential. */
  usedBy: number;
};

// Secrets and cached tokens are never selected for display.
const summaryFields = {
  id: true,
  name: true,
  connectorId: true,
  status: true,
  lastTestedAt: true,
  lastTestMessage: true,
  settings: true,
  secretHints: true,
  baseUrl: true,
  tokenUrl: true,
  allowedDomains: true,
  keyCreatedAt: true,
  rateLimitRequests: true,
  rateLimitWindowSeconds: true,
  _count: { select: { destinations: true } },
} as const;

type SummaryRow = Prisma.CredentialGetPayload<{ select: typeof summaryFields }>;

/** By name; `page`: Prisma's cursor arguments, for one page of them (lib/api/pages.ts). */
export async function listCredentials(workspaceId: string, page: Page = {}): Promise<CredentialSummary[]> {
  const rows = await db().credential.findMany({
    where: { workspaceId },
    select: summaryFields,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    ...page,
  });
  return rows.map(toSummary);
}

export async function getCredentialSummary(
  workspaceId: string,
  id: string,
): Promise<CredentialSummary | null> {
  const row = await db().credential.findFirst({ where: { id, workspaceId }, select: summaryFields });
  return row ? toSummary(row) : null;
}

function toSummary(row: SummaryRow): CredentialSummary {
  const connector = findConnector(row.connectorId);
  const expiry =
    connector?.keyLifetimeDays && row.keyCreatedAt
      ? keyExpiry(row.keyCreatedAt, connector.keyLifetimeDays)
      : null;
  const hints = row.secretHints as Record<string, string>;
  return {
    id: row.id,
    name: row.name,
    connectorId: row.connectorId,
    health: expiry && expiry.state !== "ok" ? expiry.state : row.status,
    testStatus: row.status,
    lastTestedAt: row.lastTestedAt,
    lastTestMessage: row.lastTestMessage,
    expiryText: expiry ? describeKeyExpiry(expiry, connector?.name.replace(/ API$/, "") ?? "the API") : null,
    settings: row.settings as Record<string, string>,
    secretMasks: Object.fromEntries(Object.entries(hints).map(([field, hint]) => [field, `••••${hint}`])),
    baseUrl: row.baseUrl,
    tokenUrl: row.tokenUrl,
    allowedDomains: row.allowedDomains,
    keyCreatedAt: row.keyCreatedAt ? row.keyCreatedAt.toISOString().slice(0, 10) : null,
    rateLimitRequests: row.rateLimitRequests,
    rateLimitWindowSeconds: row.rateLimitWindowSeconds,
    usedBy: row._count.destinations,
  };
}

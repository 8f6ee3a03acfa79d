/** Credentials whose API key has expired or expires soon, with what to do about it. */
import type { Connector } from "@/lib/connectors/types";
import { keyExpiry } from "@/lib/credentials/key-expiry";

export type CredentialCallout = {
  credentialId: string;
  name: string;
  connectorName: string;
  state: "expiring" | "expired";
  expiresAt: Date;
  daysLeft: number;
  /** How many destinations send with this credential. */
  usedBy: number;
  /** "Expires in 12 days" or "Expired 3 days ago". */
  summary: string;
  /** "Regenerate the key in Hotjar and update the credential." */
  action: string;
  href: string;
};

export type ExpiringKeyRow = {
  id: string;
  name: string;
  keyCreatedAt: Date | null;
  usedBy: number;
};

/** The vendor's own name, as its settings pages say it: "Hotjar API" is made in Hotjar. */
export function vendorName(connector: Pick<Connector, "name">): string {
  return connector.name.replace(/ API$/, "");
}

/** A callout for a credential whose key expires within the warning period, or null. */
export function credentialCallout(
  row: ExpiringKeyRow,
  connector: Pick<Connector, "name" | "keyLifetimeDays"> | undefined,
  now: Date,
): CredentialCallout | null {
  if (!connector?.keyLifetimeDays || !row.keyCreatedAt) return null;
  const expiry = keyExpiry(row.keyCreatedAt, connector.keyLifetimeDays, now);
  if (expiry.state === "ok") return null;
  const vendor = vendorName(connector);
  const ago = -expiry.daysLeft;
  return {
    credentialId: row.id,
    name: row.name,
    connectorName: connector.name,
    state: expiry.state,
    expiresAt: expiry.expiresAt,
    daysLeft: expiry.daysLeft,
    usedBy: row.usedBy,
    summary:
      expiry.state === "expired"
        ? ago === 0
          ? "Expired today"
          : `Expired ${ago === 1 ? "1 day" : `${ago} days`} ago`
        : `Expires in ${expiry.daysLeft === 1 ? "1 day" : `${expiry.daysLeft} days`}`,
    action: `Regenerate the key in ${vendor} and update the credential.`,
    href: `/credentials/${row.id}`,
  };
}

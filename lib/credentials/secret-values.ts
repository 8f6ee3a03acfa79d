import type { Connector, CredentialValues } from "@/lib/connectors/types";

/**
 * Every value of a credential that must never be shown: its secret fields and what its auth
 * combines them into. The redaction in lib/http/redact.ts masks each in every form it travels in.
 */
export function secretValuesOf(connector: Connector, values: CredentialValues): string[] {
  const secretNames = new Set(connector.fields.filter((f) => f.secret).map((f) => f.name));
  const secrets = Object.entries(values)
    .filter(([field, value]) => secretNames.has(field) && value)
    .map(([, value]) => value as string);
  return [...secrets, ...(connector.combinedSecrets?.(values) ?? [])];
}

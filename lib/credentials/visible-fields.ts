import type { Connector, CredentialField, CredentialValues } from "@/lib/connectors/types";

/** The fields that apply given the current values (e.g. only the chosen auth type's fields). */
export function visibleFields(connector: Connector, values: CredentialValues): CredentialField[] {
  return connector.fields.filter(
    (field) => !field.showWhen || field.showWhen.equals.includes(values[field.showWhen.field] ?? ""),
  );
}

import type { Connector, CredentialField } from "./types";

/** What the browser needs to draw a connector's credential form: plain data, no functions. */
export type ConnectorView = {
  id: string;
  name: string;
  logo: string;
  description: string;
  docsUrl: string;
  defaultBaseUrl: string;
  fields: CredentialField[];
  usesOAuth: boolean;
  keyLifetimeDays: number | null;
  rateLimit: { requests: number; windowSeconds: number } | null;
};

export function toConnectorView(connector: Connector): ConnectorView {
  return {
    id: connector.id,
    name: connector.name,
    logo: connector.logo,
    description: connector.description,
    docsUrl: connector.docsUrl,
    defaultBaseUrl: connector.defaultBaseUrl,
    fields: connector.fields,
    usesOAuth: Boolean(connector.oauth),
    keyLifetimeDays: connector.keyLifetimeDays ?? null,
    rateLimit: connector.rateLimit,
  };
}

import { fullstory } from "./fullstory";
import { hightouch } from "./hightouch";
import { hotjar } from "./hotjar";
import { httpApi } from "./http-api";
import { hubspot } from "./hubspot";
import { requestInspector } from "./request-inspector";
import type { Connector } from "./types";

/** Every connector Outflow offers, in the order the UI lists them. Add a connector here. */
export const CONNECTORS: readonly Connector[] = [
  hotjar,
  hightouch,
  fullstory,
  hubspot,
  httpApi,
  requestInspector,
];

export function findConnector(id: string): Connector | undefined {
  return CONNECTORS.find((connector) => connector.id === id);
}

export function secretFieldNames(connector: Connector): string[] {
  return connector.fields.filter((field) => field.secret).map((field) => field.name);
}

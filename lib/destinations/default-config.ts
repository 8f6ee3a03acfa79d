import type { Connector } from "@/lib/connectors/types";
import type { SchemaField } from "@/lib/datasets/schema/infer-schema";
import { configFromTemplate } from "@/lib/payload/template-defaults";
import type { EndpointConfig } from "@/lib/payload/types";
import type { DestinationConfig } from "./destination-config";

/** A new destination's starting point: the connector's first template, or a manual POST of JSON. */
export function defaultEndpoint(
  connector: Connector,
  baseUrl: string,
  fields: readonly SchemaField[] = [],
): EndpointConfig {
  const template = connector.templates?.[0];
  if (template) return configFromTemplate(connector.id, template, baseUrl, {}, fields);
  return {
    mode: "manual",
    connectorId: connector.id,
    method: "POST",
    url: baseUrl,
    headers: [],
    contentFormat: "json",
    excludeAttributes: [],
    bodyTemplate: null,
    batching: { enabled: false, size: 100, grouping: "fixed", envelopeKey: null },
    xml: { root: "records", item: "record" },
  };
}

export function defaultConfig(
  connector: Connector,
  datasetName: string,
  fields: readonly SchemaField[] = [],
): DestinationConfig {
  return {
    name: `${datasetName} → ${connector.name}`,
    credentialId: null,
    inspectorBinId: null,
    endpoint: defaultEndpoint(connector, connector.defaultBaseUrl, fields),
    responseWebhook: false,
  };
}

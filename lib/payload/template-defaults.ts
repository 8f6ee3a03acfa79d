/**
 * The endpoint config a template starts from when the user picks it in the Endpoint pulldown, so
 * the form shows the template's method, URL, format and batching, and the builder gets a complete
 * config either way. Choosing a template proposes a mapping from the dataset's schema.
 */
import { joinUrl } from "@/lib/connectors/request-helpers";
import type { EndpointTemplate } from "@/lib/connectors/templates/types";
import type { SchemaField } from "@/lib/datasets/schema/infer-schema";
import { suggestMapping } from "@/lib/mapping/suggest-mapping";
import type { EndpointConfig } from "./types";

/** `fields`: the dataset's schema, from which the mapping is suggested. */
export function configFromTemplate(
  connectorId: string,
  template: Pick<EndpointTemplate, "id" | "method" | "path" | "contentFormat" | "batching" | "targets">,
  baseUrl: string,
  settings: Record<string, unknown> = {},
  fields: readonly SchemaField[] = [],
): EndpointConfig {
  return {
    mode: "template",
    connectorId,
    templateId: template.id,
    templateSettings: settings,
    method: template.method,
    url: joinUrl(baseUrl, template.path),
    headers: [],
    contentFormat: template.contentFormat,
    excludeAttributes: [],
    bodyTemplate: null,
    batching: {
      enabled: template.batching.enabled,
      size: template.batching.size,
      grouping: "fixed",
      envelopeKey: template.batching.envelopeKey,
    },
    mapping: suggestMapping(template.targets, fields),
  };
}

/**
 * Turns an endpoint config into the endpoint(s) records go to, whether it is a template's or one
 * configured manually, so the builder has one path for both. Call with a validated config.
 */
import { joinUrl } from "@/lib/connectors/request-helpers";
import { findTemplate } from "@/lib/connectors/templates/find-template";
import type { EndpointTemplate, TemplateRoute, TemplateSettings } from "@/lib/connectors/templates/types";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { compileJsonTemplate, renderTextTemplate } from "./body-template";
import { type BodyShape, DEFAULT_XML } from "./render-body";
import type { BatchingConfig, BuildContext, EndpointConfig, HttpMethod } from "./types";

export type Prepared = { item: unknown } | { problem: string };

export type PlannedRoute = {
  key: string;
  method: HttpMethod;
  urlTemplate: string;
  shape: BodyShape;
  batching: BatchingConfig;
  /** The record's body item (undefined: no body), or why it cannot be sent. */
  prepare(record: DataRecord): Prepared;
};

export type EndpointPlan = {
  settings: TemplateSettings;
  /** Why the record is left out on purpose, or null. */
  skip(record: DataRecord): string | null;
  route(record: DataRecord): PlannedRoute;
};

export function planEndpoint(config: EndpointConfig, context: BuildContext): EndpointPlan {
  const template =
    config.mode === "template" ? findTemplate(config.connectorId, config.templateId) : undefined;
  if (config.mode === "template") {
    if (!template) throw new Error(`Unknown endpoint template ${config.connectorId}/${config.templateId}.`);
    return planTemplate(template, config, context);
  }
  const route = planManual(config);
  return { settings: config.templateSettings ?? {}, skip: () => null, route: () => route };
}

function planTemplate(
  template: EndpointTemplate,
  config: EndpointConfig,
  context: BuildContext,
): EndpointPlan {
  const settings = template.paramsSchema.parse(config.templateSettings ?? {});
  const planned = new Map<string, PlannedRoute>();
  const plan = (route: TemplateRoute): PlannedRoute => {
    const known = planned.get(route.id);
    if (known) return known;
    const batched = config.batching.enabled && route.batching.maxSize > 1;
    const result: PlannedRoute = {
      key: route.id,
      method: route.method,
      urlTemplate: joinUrl(context.baseUrl, route.pathFor?.(settings) ?? route.path),
      shape: {
        format: template.contentFormat,
        batched,
        envelopeKey: route.batching.envelopeKey,
        xml: DEFAULT_XML,
      },
      batching: {
        ...config.batching,
        enabled: batched,
        size: Math.min(config.batching.size, route.batching.maxSize),
      },
      prepare: (record) => {
        const problem = route.preflight(record, settings);
        return problem ? { problem } : { item: route.transform(record, settings) };
      },
    };
    planned.set(route.id, result);
    return result;
  };
  return {
    settings,
    skip: (record) => template.skip?.(record, settings) ?? null,
    route: (record) => plan(template.route?.(record, settings) ?? template),
  };
}

function planManual(config: EndpointConfig): PlannedRoute {
  const format = config.contentFormat;
  const source = config.bodyTemplate?.trim() ? config.bodyTemplate : null;
  const json = source !== null && format !== "text" ? compileJsonTemplate(source) : null;
  return {
    key: "manual",
    method: config.method,
    urlTemplate: config.url.trim(),
    shape: {
      format,
      batched: config.batching.enabled,
      envelopeKey: format === "json" ? config.batching.envelopeKey || null : null,
      xml: config.xml ?? DEFAULT_XML,
    },
    batching: config.batching,
    prepare: (record) => {
      // A GET carries no body: its data can only travel in the URL.
      if (config.method === "GET") return { item: undefined };
      if (json) return { item: json.render(record) };
      if (source !== null) return { item: renderTextTemplate(source, record) };
      return { item: record };
    },
  };
}

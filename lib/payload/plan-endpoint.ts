/**
 * Turns an endpoint config into the endpoint(s) records go to, whether it is a template's or one
 * configured manually, so the builder has one path for both. Call with a validated config.
 */
import { joinUrl } from "@/lib/connectors/request-helpers";
import type {
  AccountFacts,
  DroppedField,
  EndpointTemplate,
  ItemMeta,
  TemplateRoute,
  TemplateSettings,
} from "@/lib/connectors/templates/types";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { identityMapping } from "@/lib/mapping/identity-mapping";
import type { Mapping, TargetField } from "@/lib/mapping/types";
import { compileJsonTemplate, renderTextTemplate } from "./body-template";
import { type BodyShape, DEFAULT_XML } from "./render-body";
import type { BatchingConfig, BuildContext, EndpointConfig, HttpMethod } from "./types";

export type Prepared = { item: unknown; dropped: DroppedField[] } | { problem: string };

export type PlannedRoute = {
  key: string;
  method: HttpMethod;
  urlTemplate: string;
  shape: BodyShape;
  batching: BatchingConfig;
  /** The body item for a mapped record (undefined: no body), or why it cannot be sent. */
  prepare(item: DataRecord, meta: ItemMeta): Prepared;
};

export type EndpointPlan = {
  settings: TemplateSettings;
  /** The mapping records go through before their route prepares them, or null: sent as they are. */
  mapping: Mapping | null;
  targets: TargetField[] | undefined;
  /** Why the record is left out on purpose, or null. */
  skip(record: DataRecord): string | null;
  route(record: DataRecord): PlannedRoute;
};

export function planEndpoint(config: EndpointConfig, context: BuildContext): EndpointPlan {
  if (config.mode === "template") {
    const template = context.template;
    if (!template || template.id !== config.templateId) {
      throw new Error(`The builder was not handed the template ${config.connectorId}/${config.templateId}.`);
    }
    return planTemplate(template, config, context);
  }
  const route = planManual(config);
  return {
    settings: config.templateSettings ?? {},
    mapping: config.mapping ?? null,
    targets: undefined,
    skip: () => null,
    route: () => route,
  };
}

/** The mapping a template config sends with: its own, else the template's default. */
export function templateMapping(config: EndpointConfig, template: EndpointTemplate): Mapping {
  return config.mapping ?? template.defaultMapping ?? identityMapping(template.targets);
}

function planTemplate(
  template: EndpointTemplate,
  config: EndpointConfig,
  context: BuildContext,
): EndpointPlan {
  const settings = template.paramsSchema.parse(config.templateSettings ?? {});
  const facts: AccountFacts = context.facts ?? {};
  const planned = new Map<string, PlannedRoute>();
  const plan = (route: TemplateRoute): PlannedRoute => {
    const known = planned.get(route.id);
    if (known) return known;
    const wanted = config.batching.enabled && route.batching.maxSize > 1;
    // A batch-only endpoint (HubSpot's batch upsert, FullStory's imports) always takes its
    // envelope, even for one record per request; an endpoint with a batch form switches paths.
    const batchOnly = route.batching.envelopeKey !== null && !route.batchPath;
    const path = wanted && route.batchPath ? route.batchPath : (route.pathFor?.(settings) ?? route.path);
    const result: PlannedRoute = {
      key: route.id,
      method: route.method,
      urlTemplate: joinUrl(context.baseUrl, path),
      shape: {
        format: template.contentFormat,
        batched: wanted || batchOnly,
        envelopeKey: route.batching.envelopeKey,
        xml: DEFAULT_XML,
      },
      batching: {
        ...config.batching,
        enabled: wanted,
        size: wanted ? Math.min(config.batching.size, route.batching.maxSize) : 1,
      },
      prepare: (item, meta) => {
        const problem = route.preflight(item, settings);
        if (problem) return { problem };
        const body = route.transform(item, settings, meta);
        if (!route.dropUnknown || body === undefined) return { item: body, dropped: [] };
        const checked = route.dropUnknown(body, facts);
        return { item: checked.body, dropped: checked.dropped };
      },
    };
    planned.set(route.id, result);
    return result;
  };
  return {
    settings,
    mapping: templateMapping(config, template),
    targets: template.targets,
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
      if (config.method === "GET") return { item: undefined, dropped: [] };
      if (json) return { item: json.render(record), dropped: [] };
      if (source !== null) return { item: renderTextTemplate(source, record), dropped: [] };
      return { item: record, dropped: [] };
    },
  };
}

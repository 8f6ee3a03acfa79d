/**
 * Endpoint templates: a connector's pre-built endpoints (DESIGN.md, Domain). Pure data and pure
 * functions, so the request builder (lib/payload) can turn records into exact requests with them.
 */
import type { z } from "zod";
import type { DataRecord } from "@/lib/datasets/parse/types";
import type { ContentFormat, HttpMethod } from "@/lib/payload/types";

export type TemplateSettings = Record<string, unknown>;

export type TemplateParam = {
  name: string;
  label: string;
  help: string;
  required: boolean;
  placeholder?: string;
};

export type TemplateBatching = {
  enabled: boolean;
  size: number;
  /** The API's limit on records per request; 1 means the endpoint takes one record at a time. */
  maxSize: number;
  envelopeKey: string | null;
};

/** What a test send does in the user's account; the UI warns before "creates" and "deletes". */
export type TemplateEffect = "reads" | "writes" | "creates" | "deletes";

/** One HTTP endpoint and how a record becomes its body. */
export type TemplateRoute = {
  id: string;
  name: string;
  method: HttpMethod;
  /** Relative to the credential's base URL; `{param}` from settings, `{{record.path}}` per record. */
  path: string;
  /** When the path depends on the settings (FullStory Delete User: a fixed UID or each record's). */
  pathFor?(settings: TemplateSettings): string;
  batching: TemplateBatching;
  /** The body item for one record; undefined means the request has no body (DELETE). */
  transform(record: DataRecord, settings: TemplateSettings): unknown;
  /** Why the API would refuse this record, checked before sending; null when it can be sent. */
  preflight(record: DataRecord, settings: TemplateSettings): string | null;
};

export type EndpointTemplate = TemplateRoute & {
  description: string;
  params: TemplateParam[];
  /** Parses templateSettings; issues carry the param name as path. */
  paramsSchema: z.ZodType<TemplateSettings>;
  contentFormat: ContentFormat;
  effect: TemplateEffect;
  /** Records left out on purpose (a filter setting): the reason, reported as skipped, not as a problem. */
  skip?(record: DataRecord, settings: TemplateSettings): string | null;
  /**
   * Sends some records to another endpoint (HubSpot Event Stream: identify events to contacts,
   * the rest to custom events). Undefined: the template's own endpoint.
   */
  route?(record: DataRecord, settings: TemplateSettings): TemplateRoute | undefined;
};

/**
 * The shapes of Outflow's one request builder (DESIGN.md, "The path of data"): an endpoint config
 * and dataset records in, the exact HTTP requests out. The Sample Payload preview, Send Test Data
 * and the run executor all call it, so what is previewed is byte for byte what is sent.
 */
import type { AccountFacts, EndpointTemplate } from "@/lib/connectors/templates/types";
import type { DataRecord } from "@/lib/datasets/parse/types";
import type { Mapping, MappingProblem, MappingProblemKind } from "@/lib/mapping/types";

export type ContentFormat = "json" | "ndjson" | "csv" | "xml" | "form" | "text";

export const CONTENT_FORMATS: readonly ContentFormat[] = ["json", "ndjson", "csv", "xml", "form", "text"];

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export const HTTP_METHODS: readonly HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export type Grouping = "fixed" | "attribute" | "size";

export type BatchingConfig = {
  enabled: boolean;
  /** Records per request at most (also under "attribute" and "size" grouping). */
  size: number;
  grouping: Grouping;
  /** Field path (dataset schema syntax) whose value groups records, for "attribute". */
  groupBy?: string;
  /** Body bytes per request at most, for "size". */
  maxBytes?: number;
  /** JSON only: wrap the batch as `{"<key>": [...]}` (FullStory `requests`, HubSpot `inputs`). */
  envelopeKey?: string | null;
};

export type EndpointConfig = {
  mode: "template" | "manual";
  connectorId: string;
  templateId?: string;
  templateSettings?: Record<string, unknown>;
  /** Manual mode; in template mode the template's method is used. */
  method: HttpMethod;
  /** Manual mode: the full URL, with `{param}` (from templateSettings) and `{{record.path}}`. */
  url: string;
  headers: { name: string; value: string }[];
  /** Manual mode; in template mode the template's format is used. */
  contentFormat: ContentFormat;
  /** Field paths in the dataset schema's syntax (`user.email`, `items[].sku`, `a\.b`). */
  excludeAttributes: string[];
  /**
   * Manual mode only. JSON with `{{record.path}}` placeholders inserted as typed JSON values
   * (see body-template.ts), or for "text" a text template. Null: the record itself is the body.
   */
  bodyTemplate: string | null;
  batching: BatchingConfig;
  xml?: { root: string; item: string };
  /**
   * Target fields ← source fields, constants or expressions. Template mode: absent means the
   * template's default mapping. Manual mode: absent or null sends the record as it is.
   */
  mapping?: Mapping | null;
};

export type SourceRecord = { id: string; data: DataRecord };

export type BuildContext = {
  /** The credential's API base URL (no trailing slash); template paths are relative to it. */
  baseUrl: string;
  /** Template mode: the template the config names, looked up by the caller. */
  template?: EndpointTemplate;
  /** What the API said about the account beforehand (HubSpot's contact properties). */
  facts?: AccountFacts;
};

export type BuiltRequest = {
  method: HttpMethod;
  url: string;
  /** Without auth: the caller applies the credential's auth after building. */
  headers: Record<string, string>;
  body: string | null;
  /** The records this request carries, in dataset order. */
  recordIds: string[];
  /**
   * Stable across retries of the same batch: sha256 (hex, first 32) of the endpoint's identity
   * and the record ids. The caller mixes in the destination id and config version before sending
   * it as `Idempotency-Key`, so two destinations sending the same records never share a key.
   */
  idempotencyKey: string;
};

/** A record that cannot be sent as configured; it is in no request. */
export type RecordProblem = {
  recordId: string;
  message: string;
  /** The target field at fault, when a mapping problem names one. */
  field?: string;
  kind?: MappingProblemKind | "endpoint";
  /** Every mapping problem of the record, each on its target field. */
  details?: MappingProblem[];
};

/** A field left out of a record's request, and why (a HubSpot property the portal lacks). */
export type DroppedValue = {
  recordId: string;
  field: string;
  message: string;
  action: "left out" | "created";
};

/**
 * A record left out on purpose (an event-type filter, a template that handles other events).
 * Not a failure: the executor counts it as skipped and never dead-letters it; the preview lists it.
 */
export type SkippedRecord = { recordId: string; reason: string };

export type BuildResult = {
  requests: BuiltRequest[];
  problems: RecordProblem[];
  skipped: SkippedRecord[];
  dropped: DroppedValue[];
  /** Per record: where each target field's value came from ("event_type", "rest of record"). */
  lineage: Record<string, Record<string, string>>;
};

/** Field errors for the endpoint form, keyed by field path (`url`, `headers.2.value`, `batching.size`). */
export type FieldErrors = Record<string, string>;

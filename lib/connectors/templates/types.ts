/**
 * Endpoint templates: a connector's pre-built endpoints (DESIGN.md, Domain). Pure data and pure
 * functions, so the request builder (lib/payload) can turn records into exact requests with them.
 */
import type { z } from "zod";
import type { DataRecord } from "@/lib/datasets/parse/types";
import type { Mapping, TargetField } from "@/lib/mapping/types";
import type { ContentFormat, HttpMethod } from "@/lib/payload/types";

export type TemplateSettings = Record<string, unknown>;

export type TemplateParam = {
  name: string;
  label: string;
  help: string;
  required: boolean;
  placeholder?: string;
  /** A yes/no setting, shown as a checkbox; its value is true or false. */
  kind?: "text" | "checkbox";
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

/**
 * What the builder knows about the account it builds for, read from the API beforehand: HubSpot's
 * contact properties, so that a property the portal lacks is never sent.
 */
export type AccountFacts = {
  contactProperties?: { names: readonly string[]; portal: string };
  /** The credential creates what the account lacks (HubSpot's Create missing properties) instead of leaving it out. */
  createMissing?: boolean;
};

/** Facts about one record's item the builder knows. */
export type ItemMeta = {
  /** Stable for this record at this endpoint across builds and retries (hex), like the Idempotency-Key. */
  key: string;
};

/** A field the account lacks: left out of the record's item, or created before sending (shown in the preview). */
export type DroppedField = { field: string; message: string; action: "left out" | "created" };

/** One HTTP endpoint and how a mapped item becomes its body. */
export type TemplateRoute = {
  id: string;
  name: string;
  method: HttpMethod;
  /** Relative to the credential's base URL; `{param}` from settings, `{{record.path}}` per record. */
  path: string;
  /** When the path depends on the settings (FullStory Delete User: a fixed UID or each record's). */
  pathFor?(settings: TemplateSettings): string;
  batching: TemplateBatching;
  /**
   * The body item for one record's mapped item (its target fields filled); undefined means the
   * request has no body (DELETE).
   */
  transform(item: DataRecord, settings: TemplateSettings, meta: ItemMeta): unknown;
  /** Why the API would refuse this mapped item, checked before sending; null when it can be sent. */
  preflight(item: DataRecord, settings: TemplateSettings): string | null;
  /** Takes out what the account would refuse (HubSpot: properties the portal does not have). */
  dropUnknown?(body: unknown, facts: AccountFacts): { body: unknown; dropped: DroppedField[] };
  /** Where the API has a batch form: its path, used when Record Batching is on. */
  batchPath?: string;
};

export type EndpointTemplate = TemplateRoute & {
  description: string;
  params: TemplateParam[];
  /**
   * The request item's fields, with the types of the vendor's API model: the single source for
   * pre-flight, the mapping editor, help text and golden tests.
   */
  targets: TargetField[];
  /**
   * The mapping a config without one uses. Default: each target from the record field of the same
   * path, the rest of the record into the rest target.
   */
  defaultMapping?: Mapping;
  /** Where the API's model has no SDK to check against, said in the template's help. */
  modelNote?: string;
  /** Parses templateSettings; issues carry the param name as path. */
  paramsSchema: z.ZodType<TemplateSettings>;
  contentFormat: ContentFormat;
  effect: TemplateEffect;
  /** A checkbox setting that makes a send delete data (Hotjar's Also delete this person's data). */
  deletesWhen?: string;
  /** Records left out on purpose (a filter setting): the reason, reported as skipped, not as a problem. */
  skip?(record: DataRecord, settings: TemplateSettings): string | null;
  /**
   * Sends some records to another endpoint (HubSpot Event Stream: identify events to contacts,
   * the rest to custom events). Undefined: the template's own endpoint.
   */
  route?(record: DataRecord, settings: TemplateSettings): TemplateRoute | undefined;
};

/**
 * Hightouch endpoint templates. Facts from the SDK generated from Hightouch's official swagger. Paths are relative to the credential's base URL, which
 * already ends in /api/v1.
 */
import { z } from "zod";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { declareTargets } from "@/lib/mapping/declare-targets";
import type { TargetField } from "@/lib/mapping/types";
import {
  isPlainObject,
  listOf,
  missingFields,
  noParams,
  pick,
  requiredSetting,
  SINGLE,
} from "./template-helpers";
import type { EndpointTemplate, TemplateSettings } from "./types";

const text = (path: string, description: string, required = true): TargetField => ({
  path,
  type: "string",
  required,
  description,
});
const object = (path: string, description: string, required = false): TargetField => ({
  path,
  type: "object",
  required,
  description,
});

/** SourceCreate ([HT-GO]). */
const sourceTargets = declareTargets([
  text("name", "The source's name, e.g. Warehouse."),
  text("slug", "A unique, URL-safe id for the source, e.g. warehouse."),
  text("type", "The source type, e.g. postgres or snowflake."),
  object("configuration", "The connection settings; their keys depend on the source type.", true),
]);

/** ModelCreate ([HT-GO]). */
const modelTargets = declareTargets([
  text("name", "The model's name."),
  text("slug", "A unique, URL-safe id for the model."),
  {
    path: "sourceId",
    type: "integer",
    required: true,
    description: "The id of the Hightouch source the model queries.",
  },
  text("queryType", "How the model is defined: raw_sql, table, dbt, custom or visual."),
  text("primaryKey", "The column that identifies each row."),
  { path: "isSchema", type: "boolean", required: true, description: "Whether the model is a schema model." },
  object("raw", 'For queryType raw_sql: {"sql": "select …"}.'),
  object("table", 'For queryType table: {"name": "…"}.'),
  object("dbt", "For queryType dbt: the dbt model."),
  object("custom", "For queryType custom: the custom query."),
  object("visual", "For queryType visual: the visual query."),
  { path: "folderId", type: "integer", required: false, description: "The folder the model goes into." },
]);

/** TriggerRunInput ([HT-GO]): both default to false. */
const syncTargets = declareTargets([
  {
    path: "fullResync",
    type: "boolean",
    required: false,
    description: "Resync every row of the model, not only the changed ones.",
  },
  {
    path: "resetCDC",
    type: "boolean",
    required: false,
    description: "Reset the change data capture, so the next run treats all rows as new.",
  },
]);

/** SourceCreate: all four fields are required ([HT-GO]). */
const SOURCE_FIELDS = ["name", "slug", "type", "configuration"] as const;

/** ModelCreate's required fields ([HT-GO]). */
const MODEL_REQUIRED = ["name", "slug", "sourceId", "queryType", "primaryKey", "isSchema"] as const;
/** The query object each queryType needs. The spec's "tabel" is a typo; `table` is what we send. */
const QUERY_OBJECT: Record<string, string> = {
  raw_sql: "raw",
  table: "table",
  dbt: "dbt",
  custom: "custom",
  visual: "visual",
};
const MODEL_FIELDS = [...MODEL_REQUIRED, "raw", "table", "dbt", "custom", "visual", "folderId"];

function missingMessage(missing: string[], all: readonly string[]): string {
  return `Missing ${listOf(missing)}: Hightouch requires ${listOf([...all])}.`;
}

export const createSource: EndpointTemplate = {
  id: "create-source",
  name: "Create Source",
  description:
    "Create a new source in your Hightouch workspace from each record (name, slug, type, configuration).",
  method: "POST",
  path: "/sources",
  targets: sourceTargets,
  params: [],
  paramsSchema: noParams,
  contentFormat: "json",
  batching: SINGLE,
  effect: "creates",
  transform: (record) => pick(record, SOURCE_FIELDS),
  preflight(record) {
    const missing = missingFields(record, SOURCE_FIELDS);
    if (missing.length > 0) return missingMessage(missing, SOURCE_FIELDS);
    if (!isPlainObject(record.configuration))
      return "configuration must be an object (its keys depend on the source type).";
    return null;
  },
};

function modelBody(record: DataRecord): Record<string, unknown> {
  return pick(record, MODEL_FIELDS);
}

export const createModel: EndpointTemplate = {
  id: "create-model",
  name: "Create Model",
  description:
    "Create a new model in your Hightouch workspace from each record, with the query object its queryType needs.",
  method: "POST",
  path: "/models",
  targets: modelTargets,
  params: [],
  paramsSchema: noParams,
  contentFormat: "json",
  batching: SINGLE,
  effect: "creates",
  transform: modelBody,
  preflight(record) {
    const body = modelBody(record);
    const missing = missingFields(body, MODEL_REQUIRED);
    if (missing.length > 0) return missingMessage(missing, MODEL_REQUIRED);
    const queryType = String(body.queryType);
    const objectKey = QUERY_OBJECT[queryType];
    if (!objectKey)
      return `queryType must be one of ${listOf(Object.keys(QUERY_OBJECT))}, not "${queryType}".`;
    if (!isPlainObject(body[objectKey])) return `queryType ${queryType} needs a "${objectKey}" object.`;
    return null;
  },
};

export const triggerSync: EndpointTemplate = {
  id: "trigger-sync",
  name: "Trigger Sync",
  description:
    "Start a run of a sync (queued after the current run if one is in progress). fullResync and resetCDC are false unless mapped.",
  method: "POST",
  path: "/syncs/{sync_id}/trigger",
  targets: syncTargets,
  params: [
    {
      name: "sync_id",
      label: "Sync ID",
      help: "The number at the end of the sync's URL in Hightouch.",
      required: true,
      placeholder: "12345",
    },
  ],
  paramsSchema: z.object({ sync_id: requiredSetting("Sync ID") }) as unknown as z.ZodType<TemplateSettings>,
  contentFormat: "json",
  batching: SINGLE,
  effect: "writes",
  // Both default to false in the API ([HT-GO] triggerrun*.go); sent explicitly so the preview is plain.
  transform: (item) => ({ fullResync: item.fullResync === true, resetCDC: item.resetCDC === true }),
  preflight: () => null,
};

export const hightouchTemplates: EndpointTemplate[] = [createSource, createModel, triggerSync];

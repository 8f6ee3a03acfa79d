/**
 * Hightouch endpoint templates. Facts from the SDK generated from Hightouch's official swagger. Paths are relative to the credential's base URL, which
 * already ends in /api/v1.
 */
import { z } from "zod";
import type { DataRecord } from "@/lib/datasets/parse/types";
import {
  isPlainObject,
  isPresent,
  listOf,
  missingFields,
  noParams,
  pick,
  requiredSetting,
  SINGLE,
} from "./template-helpers";
import type { EndpointTemplate, TemplateSettings } from "./types";

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

/** CSV uploads carry every value as text; the API wants numbers and booleans here. */
function coerceNumber(value: unknown): unknown {
  return typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
}
function coerceBoolean(value: unknown): unknown {
  if (value === "true") return true;
  if (value === "false") return false;
  return value;
}

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
  const body = pick(record, MODEL_FIELDS);
  if ("sourceId" in body) body.sourceId = coerceNumber(body.sourceId);
  if ("folderId" in body) body.folderId = coerceNumber(body.folderId);
  if ("isSchema" in body) body.isSchema = coerceBoolean(body.isSchema);
  return body;
}

export const createModel: EndpointTemplate = {
  id: "create-model",
  name: "Create Model",
  description:
    "Create a new model in your Hightouch workspace from each record, with the query object its queryType needs.",
  method: "POST",
  path: "/models",
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
    if (typeof body.sourceId !== "number") return "sourceId must be a number (the id of a Hightouch source).";
    if (typeof body.isSchema !== "boolean") return "isSchema must be true or false.";
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
    "Start a run of a sync (queued after the current run if one is in progress). fullResync and resetCDC come from the record when it has them.",
  method: "POST",
  path: "/syncs/{sync_id}/trigger",
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
  transform: (record) => ({
    fullResync: coerceBoolean(record.fullResync) === true,
    resetCDC: coerceBoolean(record.resetCDC) === true,
  }),
  preflight(record) {
    for (const key of ["fullResync", "resetCDC"]) {
      const value = coerceBoolean(record[key]);
      if (isPresent(value) && typeof value !== "boolean") return `${key} must be true or false.`;
    }
    return null;
  },
};

export const hightouchTemplates: EndpointTemplate[] = [createSource, createModel, triggerSync];

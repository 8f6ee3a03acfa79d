import { z } from "zod";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { isPlainObject } from "@/lib/payload/record-path";
import type { TemplateBatching, TemplateSettings } from "./types";

export { listOf } from "@/lib/mapping/list-of";
export { isPlainObject };

/** For endpoints that take one record per request. */
export const SINGLE: TemplateBatching = { enabled: false, size: 1, maxSize: 1, envelopeKey: null };

export const noParams = z.object({}) as unknown as z.ZodType<TemplateSettings>;

/** A required text setting, trimmed (copy-paste brings spaces). */
export const requiredSetting = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`);

/** A required numeric id setting, e.g. Hotjar's Organization ID. */
export const numericSetting = (label: string, example: string) =>
  requiredSetting(label).regex(/^\d+$/, `The ${label} is a number, e.g. ${example}.`);

/** The record's own fields among `keys`, in that order; others are left out. */
export function pick(record: DataRecord, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (Object.hasOwn(record, key)) out[key] = record[key];
  return out;
}

export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** The names of required fields the record lacks, or null. */
export function missingFields(record: DataRecord, required: readonly string[]): string[] {
  return required.filter((key) => !isPresent(record[key]));
}

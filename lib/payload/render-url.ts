/**
 * URLs: `{param}` is an endpoint setting (Organization ID), `{{record.path}}` a record's value.
 * Both are URL-encoded (encodeURIComponent), so a value cannot add path segments or query
 * parameters. A request carries one URL, so a batch may only use record values that are the same
 * for all its records.
 */

import type { DataRecord } from "@/lib/datasets/parse/types";
import { stringifyJson } from "@/lib/json/exact-json";
import { placeholderPath, RECORD_PLACEHOLDER, readPath } from "./record-path";

const URL_PLACEHOLDER = new RegExp(`${RECORD_PLACEHOLDER.source}|\\{([A-Za-z_][A-Za-z0-9_]*)\\}`, "g");

/** The `{param}` names a URL template uses. */
export function urlParams(template: string): string[] {
  return [...template.matchAll(URL_PLACEHOLDER)].flatMap((match) => (match[2] ? [match[2]] : []));
}

/** The record paths a URL template uses (`""` for `{{record}}`). */
export function urlRecordPaths(template: string): string[] {
  return [...template.matchAll(URL_PLACEHOLDER)].flatMap((match) =>
    match[2] ? [] : [placeholderPath(match[1])],
  );
}

/** Record paths per URL template, as every record of a run is checked against the same few. */
const recordPathsByTemplate = new Map<string, string[]>();
const TEMPLATES_KEPT = 256;

/** Why this record cannot fill the URL's placeholders, or null. */
export function urlRecordProblem(template: string, record: DataRecord): string | null {
  let paths = recordPathsByTemplate.get(template);
  if (!paths) {
    paths = urlRecordPaths(template);
    if (recordPathsByTemplate.size >= TEMPLATES_KEPT) recordPathsByTemplate.clear();
    recordPathsByTemplate.set(template, paths);
  }
  for (const path of paths) {
    const value = readPath(record, path);
    if (value === undefined || value === null || value === "") {
      return `The URL uses {{record.${path}}}, but this record has no value there.`;
    }
  }
  return null;
}

export type UrlResult = { ok: true; url: string } | { ok: false; message: string };

export function renderUrl(
  template: string,
  settings: Record<string, unknown>,
  records: DataRecord[],
): UrlResult {
  let failure: string | null = null;
  const url = template.replace(
    URL_PLACEHOLDER,
    (_match, suffix: string | undefined, param: string | undefined) => {
      if (param !== undefined) {
        const value = settings[param];
        if (value === undefined || value === null || value === "") {
          failure ??= `The URL needs the setting {${param}}, which is empty.`;
          return "";
        }
        return encodeValue(value);
      }
      const path = placeholderPath(suffix);
      const values = records.map((record) => readPath(record, path));
      const first = stringifyJson(values[0]);
      if (values.some((value) => stringifyJson(value) !== first)) {
        failure ??= `The URL uses {{record.${path}}}, whose value differs between the ${records.length} records of this batch: group the batch by ${path || "that value"} or turn batching off.`;
        return "";
      }
      return encodeValue(values[0]);
    },
  );
  return failure ? { ok: false, message: failure } : { ok: true, url };
}

function encodeValue(value: unknown): string {
  return encodeURIComponent(typeof value === "string" ? value : stringifyJson(value));
}

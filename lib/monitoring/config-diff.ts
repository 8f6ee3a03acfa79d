/**
 * What changed between two stored configurations: one entry per setting that was added, removed
 * or changed, named as the wizard names it ("URL", "Batch Size", "Request Headers" with the header
 * as `X-Team: growth`, "Mapping" with the row as the editor shows it). Objects are compared key by
 * key and other lists index by index, which reads well for the short lists a configuration holds.
 */
import { describeSource } from "@/lib/mapping/describe-source";
import { mappingRowSchema } from "@/lib/mapping/types";

export type ConfigChange =
  | { path: string; kind: "added"; after: unknown }
  | { path: string; kind: "removed"; before: unknown }
  | { path: string; kind: "changed"; before: unknown; after: unknown };

type Plain = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Plain =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** A mapping row in the editor's words: `name ← event_type`, `plan ← constant "pro" (lowercase)`. */
function rowText(row: unknown): string {
  const parsed = mappingRowSchema.safeParse(row);
  if (!parsed.success) return JSON.stringify(row);
  const transforms = parsed.data.transforms.map((transform) => transform.kind);
  return `${parsed.data.target} ← ${describeSource(parsed.data)}${transforms.length ? ` (${transforms.join(", ")})` : ""}`;
}

function restText(rest: unknown): string | undefined {
  if (!isPlainObject(rest)) return undefined;
  return `rest of ${rest.from ? String(rest.from) : "record"} → ${String(rest.target)}`;
}

/** Mapping changes row by row, keyed by target field, as "Mapping: name ← event_type". */
function diffMapping(before: unknown, after: unknown): ConfigChange[] {
  const rowsOf = (mapping: unknown) =>
    new Map(
      (isPlainObject(mapping) && Array.isArray(mapping.rows) ? mapping.rows : []).map((row) => [
        isPlainObject(row) ? String(row.target) : "",
        rowText(row),
      ]),
    );
  const was = rowsOf(before);
  const is = rowsOf(after);
  const changes: ConfigChange[] = [];
  for (const target of new Set([...was.keys(), ...is.keys()])) {
    const a = was.get(target);
    const b = is.get(target);
    if (a === b) continue;
    if (a === undefined) changes.push({ path: "Mapping", kind: "added", after: b });
    else if (b === undefined) changes.push({ path: "Mapping", kind: "removed", before: a });
    else changes.push({ path: "Mapping", kind: "changed", before: a, after: b });
  }
  const restBefore = restText(isPlainObject(before) ? before.rest : undefined);
  const restAfter = restText(isPlainObject(after) ? after.rest : undefined);
  if (restBefore !== restAfter) {
    if (restBefore === undefined) changes.push({ path: "Mapping", kind: "added", after: restAfter });
    else if (restAfter === undefined) changes.push({ path: "Mapping", kind: "removed", before: restBefore });
    else changes.push({ path: "Mapping", kind: "changed", before: restBefore, after: restAfter });
  }
  return changes;
}

/** The wizard's words for a setting's path; a path it has no words for is shown as it is. */
const LABELS: Record<string, string> = {
  name: "Destination name",
  credentialId: "Credential",
  inspectorBinId: "Inspector",
  responseWebhook: "Keep API responses",
  "endpoint.mode": "Endpoint mode",
  "endpoint.templateId": "Endpoint",
  "endpoint.connectorId": "Connector",
  "endpoint.method": "Method",
  "endpoint.url": "URL",
  "endpoint.contentFormat": "Content Format",
  "endpoint.bodyTemplate": "Body template",
  "endpoint.batching.enabled": "Record Batching",
  "endpoint.batching.size": "Batch Size",
  "endpoint.batching.grouping": "Grouping Algorithm",
  "endpoint.batching.groupBy": "Group by attribute",
  "endpoint.batching.envelopeKey": "Envelope key",
  "endpoint.batching.maxBytes": "Batch size in bytes",
};

function labelOf(path: string): string {
  if (LABELS[path]) return LABELS[path];
  const setting = /^endpoint\.templateSettings\.(.+)$/.exec(path);
  return setting ? `Endpoint setting ${setting[1]}` : path;
}

/** Items of a list compared as a set, each shown as `text(item)`, under one label. */
function diffSet(
  label: string,
  before: unknown,
  after: unknown,
  text: (item: unknown) => string,
): ConfigChange[] {
  const keyed = (list: unknown) =>
    new Map((Array.isArray(list) ? list : []).map((item) => [text(item), item]));
  const was = keyed(before);
  const is = keyed(after);
  return [
    ...[...was.keys()]
      .filter((key) => !is.has(key))
      .map((key) => ({ path: label, kind: "removed" as const, before: key })),
    ...[...is.keys()]
      .filter((key) => !was.has(key))
      .map((key) => ({ path: label, kind: "added" as const, after: key })),
  ];
}

/** Request headers by name, shown as `Name: value`; a header whose value changed is one change. */
function diffHeaders(before: unknown, after: unknown): ConfigChange[] {
  const byName = (list: unknown) =>
    new Map(
      (Array.isArray(list) ? list : [])
        .filter(isPlainObject)
        .map((header) => [
          String(header.name).toLowerCase(),
          `${String(header.name)}: ${String(header.value)}`,
        ]),
    );
  const was = byName(before);
  const is = byName(after);
  const changes: ConfigChange[] = [];
  for (const name of new Set([...was.keys(), ...is.keys()])) {
    const a = was.get(name);
    const b = is.get(name);
    if (a === b) continue;
    if (a === undefined) changes.push({ path: "Request Headers", kind: "added", after: b });
    else if (b === undefined) changes.push({ path: "Request Headers", kind: "removed", before: a });
    else changes.push({ path: "Request Headers", kind: "changed", before: a, after: b });
  }
  return changes;
}

export function diffConfig(before: unknown, after: unknown): ConfigChange[] {
  return diffAt(before, after, "").map((change) => ({ ...change, path: labelOf(change.path) }));
}

function diffAt(before: unknown, after: unknown, path: string): ConfigChange[] {
  if (path === "endpoint.mapping") return diffMapping(before, after);
  if (path === "endpoint.headers") return diffHeaders(before, after);
  if (path === "endpoint.excludeAttributes") return diffSet("Exclude Attributes", before, after, String);
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const inBefore = Object.hasOwn(before, key) && before[key] !== undefined;
      const inAfter = Object.hasOwn(after, key) && after[key] !== undefined;
      const special = ["endpoint.mapping", "endpoint.headers", "endpoint.excludeAttributes"];
      if (special.includes(join(path, key))) return diffAt(before[key], after[key], join(path, key));
      if (!inAfter)
        return inBefore ? [{ path: join(path, key), kind: "removed" as const, before: before[key] }] : [];
      if (!inBefore) return [{ path: join(path, key), kind: "added" as const, after: after[key] }];
      return diffAt(before[key], after[key], join(path, key));
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return Array.from({ length: Math.max(before.length, after.length) }, (_, index) => {
      const at = `${path}[${index}]`;
      if (index >= after.length) return [{ path: at, kind: "removed" as const, before: before[index] }];
      if (index >= before.length) return [{ path: at, kind: "added" as const, after: after[index] }];
      return diffAt(before[index], after[index], at);
    }).flat();
  }
  if (Object.is(before, after)) return [];
  return [{ path: path || "(whole configuration)", kind: "changed", before, after }];
}

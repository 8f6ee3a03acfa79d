/**
 * What changed between two stored configurations: one entry per leaf that was added, removed or
 * changed, named by its path (`endpoint.headers[0].value`). Objects are compared key by key and
 * arrays index by index, which reads well for the short lists a configuration holds.
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

export function diffConfig(before: unknown, after: unknown, path = ""): ConfigChange[] {
  if (path === "endpoint.mapping") return diffMapping(before, after);
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const inBefore = Object.hasOwn(before, key) && before[key] !== undefined;
      const inAfter = Object.hasOwn(after, key) && after[key] !== undefined;
      if (join(path, key) === "endpoint.mapping") return diffMapping(before[key], after[key]);
      if (!inAfter)
        return inBefore ? [{ path: join(path, key), kind: "removed" as const, before: before[key] }] : [];
      if (!inBefore) return [{ path: join(path, key), kind: "added" as const, after: after[key] }];
      return diffConfig(before[key], after[key], join(path, key));
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return Array.from({ length: Math.max(before.length, after.length) }, (_, index) => {
      const at = `${path}[${index}]`;
      if (index >= after.length) return [{ path: at, kind: "removed" as const, before: before[index] }];
      if (index >= before.length) return [{ path: at, kind: "added" as const, after: after[index] }];
      return diffConfig(before[index], after[index], at);
    }).flat();
  }
  if (Object.is(before, after)) return [];
  return [{ path: path || "(whole configuration)", kind: "changed", before, after }];
}

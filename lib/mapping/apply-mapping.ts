/**
 * One record through a mapping: each row's source read (field, constant or JSONata expression),
 * its transforms applied, the value converted to its target field's declared type and set at the
 * target path; then Rest of record, then the required targets checked. Every problem names the
 * target field at fault, so pre-flight can count them per field.
 */
import type { DataRecord } from "@/lib/datasets/parse/types";
import { childPath } from "@/lib/datasets/schema/field-path";
import { excludeAttributes } from "@/lib/payload/exclude-attributes";
import { isPlainObject, readPath } from "@/lib/payload/record-path";
import { coerceToTarget } from "./coerce-target";
import { targetFor } from "./declare-targets";
import { describeSource } from "./describe-source";
import { ExpressionError, evaluateExpression } from "./expression";
import { applyTransforms, describeValue, TransformError } from "./transforms";
import type { Mapping, MappingProblem, MappingRow, TargetField } from "./types";

export type MappedItem = {
  item: Record<string, unknown>;
  problems: MappingProblem[];
  /** Where each target field's value came from, in the UI's words: "event_type", "constant", "rest of record". */
  lineage: Record<string, string>;
};

const STRUCTURED = new Set(["object", "array", "string-map"]);

export async function applyMapping(
  record: DataRecord,
  mapping: Mapping,
  targets: readonly TargetField[] | undefined,
): Promise<MappedItem> {
  const result: MappedItem = { item: {}, problems: [], lineage: {} };
  const consumed: string[] = [];
  for (const row of mapping.rows) {
    if (row.source.kind === "field") consumed.push(row.source.path);
    const target = targets ? targetFor(targets, row.target) : undefined;
    const value = await rowValue(record, row, target, result.problems);
    if (value === undefined || value === null) continue;
    if (target) {
      const coerced = coerceToTarget(value, target);
      if ("problem" in coerced) {
        result.problems.push({ kind: "type", target: row.target, message: coerced.problem });
        continue;
      }
      setPath(result.item, row.target, coerced.value);
    } else setPath(result.item, row.target, value);
    result.lineage[row.target] = describeSource(row);
  }
  if (mapping.rest && mapping.rest.target.trim() !== "") {
    applyRest(
      record,
      mapping.rest,
      consumed,
      targets ? targetFor(targets, mapping.rest.target) : undefined,
      result,
    );
  }
  for (const target of targets ?? []) {
    const value = getPath(result.item, target.path);
    if (!target.required || (value !== undefined && value !== "")) continue;
    if (result.problems.some((problem) => problem.target === target.path)) continue;
    const row = mapping.rows.find((candidate) => candidate.target === target.path);
    result.problems.push({
      kind: "missing",
      target: target.path,
      message: row
        ? `${target.path} is required, but ${emptySource(row)}.`
        : `${target.path} is required: map a field to it (${target.description}).`,
    });
  }
  return result;
}

async function rowValue(
  record: DataRecord,
  row: MappingRow,
  target: TargetField | undefined,
  problems: MappingProblem[],
): Promise<unknown> {
  let value: unknown;
  switch (row.source.kind) {
    case "field":
      value = readPath(record, row.source.path);
      break;
    case "constant":
      value = target && STRUCTURED.has(target.type) ? parseJsonConstant(row.source.value) : row.source.value;
      break;
    case "expression":
      try {
        value = await evaluateExpression(row.source.expression, record);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        problems.push({
          kind: "expression",
          target: row.target,
          message: `${row.target} ← expression: ${error.message}`,
        });
        return undefined;
      }
      break;
  }
  try {
    return applyTransforms(value, row.transforms);
  } catch (error) {
    if (!(error instanceof TransformError)) throw error;
    problems.push({ kind: "transform", target: row.target, message: `${row.target}: ${error.message}` });
    return undefined;
  }
}

/** An object or list constant is JSON text; text that is not JSON stays text, and the type check says so. */
function parseJsonConstant(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * The fields no row reads go into the rest target. Taken from the record (or the `from` object),
 * minus the source paths rows already send; at the record's top level a field named like the target
 * (a record's own `properties`) joins it key by key, and values rows set win over both.
 */
function applyRest(
  record: DataRecord,
  rest: NonNullable<Mapping["rest"]>,
  consumed: string[],
  target: TargetField | undefined,
  result: MappedItem,
) {
  const from = rest.from?.trim() || undefined;
  const prefix = from ? `${from}.` : "";
  const relative = consumed
    .filter((path) => !from || path.startsWith(prefix))
    .map((path) => path.slice(prefix.length));
  const source = from ? readPath(record, from) : record;
  if (!isPlainObject(source)) return;
  const remaining = excludeAttributes(source, relative);
  const ownValue = from ? undefined : remaining[rest.target];
  if (ownValue !== undefined && ownValue !== null && !isPlainObject(ownValue)) {
    result.problems.push({
      kind: "type",
      target: rest.target,
      message: `${rest.target}: the record's ${rest.target} is ${describeValue(ownValue)}, not an object.`,
    });
    return;
  }
  const own = isPlainObject(ownValue) ? ownValue : {};
  const extra = Object.fromEntries(
    Object.entries(remaining).filter(
      ([key, value]) => (from !== undefined || key !== rest.target) && !emptiedByRows(key, value, relative),
    ),
  );
  const existing = getPath(result.item, rest.target);
  const merged = { ...extra, ...own, ...(isPlainObject(existing) ? existing : {}) };
  if (Object.keys(merged).length === 0 && !(rest.target in remaining)) return;
  let value: unknown = merged;
  if (target) {
    const coerced = coerceToTarget(merged, target);
    if ("problem" in coerced) {
      result.problems.push({ kind: "type", target: rest.target, message: coerced.problem });
      return;
    }
    value = coerced.value;
  }
  setPath(result.item, rest.target, value);
  result.lineage[rest.target] = from ? `rest of ${childPath(undefined, from)}` : "rest of record";
}

/** An object whose fields rows all send (user ← user.uid leaves user {}): not part of the rest. */
function emptiedByRows(key: string, value: unknown, consumed: string[]): boolean {
  return (
    isPlainObject(value) &&
    Object.keys(value).length === 0 &&
    consumed.some((path) => path.startsWith(`${childPath(undefined, key)}.`))
  );
}

function emptySource(row: MappingRow): string {
  switch (row.source.kind) {
    case "field":
      return `this record has no ${row.source.path}`;
    case "constant":
      return "the constant is empty";
    case "expression":
      return "the expression gives nothing for this record";
  }
}

export function getPath(item: Record<string, unknown>, path: string): unknown {
  let current: unknown = item;
  for (const key of path.split(".")) {
    if (!isPlainObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * Own data properties only: a target path is the user's text, and `__proto__.x` assigned plainly
 * would write to Object.prototype.
 */
function setPath(item: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split(".");
  let current = item;
  for (const key of keys.slice(0, -1)) {
    const next = Object.hasOwn(current, key) ? current[key] : undefined;
    if (isPlainObject(next)) current = next;
    else {
      const created: Record<string, unknown> = {};
      defineOwn(current, key, created);
      current = created;
    }
  }
  defineOwn(current, keys[keys.length - 1] as string, value);
}

function defineOwn(object: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

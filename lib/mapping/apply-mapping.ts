/**
 * One record through a mapping: each row's source read (field, constant or JSONata expression),
 * its transforms applied, the value converted to its target field's declared type and set at the
 * target path; then Rest of record, then the required targets checked. Every problem names the
 * target field at fault, so pre-flight can count them per field.
 */

import type { DataRecord } from "@/lib/datasets/parse/types";
import { childPath, type PathSegment, splitFieldPath } from "@/lib/datasets/schema/field-path";
import { parseJson } from "@/lib/json/exact-json";
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

/** A row ready to apply: its declared target and its source read, worked out once per mapping. */
type CompiledRow = {
  row: MappingRow;
  target: TargetField | undefined;
  /** The source value, or a promise of it for an expression. */
  read(record: DataRecord): unknown;
  lineage: string;
};

// Compiled once per mapping object: the builder applies one mapping to every record of a build.
const compiledRows = new WeakMap<
  Mapping,
  { targets: readonly TargetField[] | undefined; rows: CompiledRow[] }
>();

function compileRows(mapping: Mapping, targets: readonly TargetField[] | undefined): CompiledRow[] {
  const known = compiledRows.get(mapping);
  if (known && known.targets === targets) return known.rows;
  const rows = mapping.rows.map((row): CompiledRow => {
    const target = targets ? targetFor(targets, row.target) : undefined;
    const source = row.source;
    let read: CompiledRow["read"];
    if (source.kind === "field") {
      const segments = splitFieldPath(source.path);
      read = (record) => readSegments(record, segments);
    } else if (source.kind === "constant") {
      const value = target && STRUCTURED.has(target.type) ? parseJsonConstant(source.value) : source.value;
      read = () => value;
    } else read = (record) => evaluateExpression(source.expression, record);
    return { row, target, read, lineage: describeSource(row) };
  });
  compiledRows.set(mapping, { targets, rows });
  return rows;
}

function readSegments(record: unknown, segments: PathSegment[]): unknown {
  let current = record;
  for (const segment of segments) {
    // `[]` segments name many values at once: a path with them reads nothing.
    if (!("key" in segment) || !isPlainObject(current) || !Object.hasOwn(current, segment.key))
      return undefined;
    current = current[segment.key];
  }
  return current;
}

export async function applyMapping(
  record: DataRecord,
  mapping: Mapping,
  targets: readonly TargetField[] | undefined,
): Promise<MappedItem> {
  const result: MappedItem = { item: {}, problems: [], lineage: {} };
  const consumed: string[] = [];
  for (const compiled of compileRows(mapping, targets)) {
    const { row, target } = compiled;
    if (row.source.kind === "field") consumed.push(row.source.path);
    let raw = readRow(record, compiled, result.problems);
    // Only expressions answer with a promise; fields and constants are read without waiting.
    if (raw instanceof Promise) raw = await raw;
    const value = raw === SKIP ? undefined : transformRow(raw, row, result.problems);
    if (value === undefined || value === null) continue;
    if (target) {
      const coerced = coerceToTarget(value, target);
      if ("problem" in coerced) {
        result.problems.push({ kind: "type", target: row.target, message: coerced.problem });
        continue;
      }
      setPath(result.item, row.target, coerced.value);
    } else setPath(result.item, row.target, value);
    result.lineage[row.target] = compiled.lineage;
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
    if (!target.required) continue;
    const value = getPath(result.item, target.path);
    if (value !== undefined && value !== "") continue;
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

/** Marks a row whose source failed, its problem recorded. */
const SKIP = Symbol("skip");

function readRow(record: DataRecord, compiled: CompiledRow, problems: MappingProblem[]): unknown {
  const expressionFailed = (error: unknown) => {
    if (!(error instanceof ExpressionError)) throw error;
    const target = compiled.row.target;
    problems.push({ kind: "expression", target, message: `${target} ← expression: ${error.message}` });
    return SKIP;
  };
  try {
    const value = compiled.read(record);
    return value instanceof Promise ? value.catch(expressionFailed) : value;
  } catch (error) {
    return expressionFailed(error);
  }
}

function transformRow(value: unknown, row: MappingRow, problems: MappingProblem[]): unknown {
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
    return parseJson(value);
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

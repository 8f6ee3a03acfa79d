/**
 * A dataset's schema, kept up to date batch by batch: every field path seen, the JSON types seen at
 * it, in how many records, and one example. A batch is summarised on its own and merged into the
 * stored schema, so the records already stored are never read again.
 *
 * Counts are per record: `present` is how many records hold the path at least once, and each type
 * counts a record once, even when an array gives the path many values (tags: ["a", "b"] adds 1 to
 * `tags[]`'s string count). So every count is at most `records`, and presence = present / records.
 */
import type { DataRecord } from "../parse/types";
import { exampleOf } from "./example-value";
import { childPath, itemsPath } from "./field-path";
import { JSON_TYPES, type JsonType, jsonTypeOf } from "./json-type";

export type { JsonType } from "./json-type";

export type FieldStats = { types: Partial<Record<JsonType, number>>; present: number; example?: unknown };
export type InferredSchema = { records: number; fields: Record<string, FieldStats>; truncated?: boolean };

export type SchemaField = {
  path: string;
  types: JsonType[];
  present: number;
  /** 0..1: the share of records holding this path. */
  presence: number;
  example?: unknown;
};

/** Caps against hostile data: beyond them fields are left out and the schema says `truncated`. */
const MAX_PATHS = 1000;
const MAX_PATH_CHARS = 500;
const MAX_DEPTH = 32;
/** Array elements looked at per array: enough to see the types, bounded however long the array. */
const MAX_ITEMS = 1000;

export const EMPTY_SCHEMA: InferredSchema = Object.freeze({ records: 0, fields: Object.freeze({}) });

/** A dataset's stored schema column: `{}` until its first records arrive. */
export function storedSchema(value: unknown): InferredSchema {
  const candidate = value as Partial<InferredSchema> | null;
  return typeof candidate?.records === "number" && typeof candidate.fields === "object" && candidate.fields
    ? (candidate as InferredSchema)
    : EMPTY_SCHEMA;
}

export function inferSchema(records: DataRecord[], previous: InferredSchema = EMPTY_SCHEMA): InferredSchema {
  return mergeSchemas(previous, summarise(records));
}

export function mergeSchemas(a: InferredSchema, b: InferredSchema): InferredSchema {
  const fields = new Map<string, FieldStats>();
  let truncated = a.truncated === true || b.truncated === true;
  for (const schema of [a, b]) {
    for (const [path, stats] of Object.entries(schema.fields ?? {})) {
      const known = fields.get(path);
      if (known) fields.set(path, addStats(known, stats));
      else if (fields.size < MAX_PATHS) fields.set(path, addStats(undefined, stats));
      else truncated = true;
    }
  }
  return {
    records: a.records + b.records,
    // fromEntries defines own properties, so a path named "__proto__" stays an ordinary field.
    fields: Object.fromEntries(fields),
    ...(truncated ? { truncated: true } : {}),
  };
}

/** Fields sorted by path (code-unit order, so `user` comes right before `user.email`). */
export function schemaFields(schema: InferredSchema): SchemaField[] {
  const fields = Object.entries(schema.fields).map(([path, stats]): SchemaField => {
    const types = JSON_TYPES.filter((type) => (stats.types[type] ?? 0) > 0).sort(
      (x, y) => (stats.types[y] ?? 0) - (stats.types[x] ?? 0),
    );
    const presence = schema.records > 0 ? Math.min(1, stats.present / schema.records) : 0;
    const field: SchemaField = { path, types, present: stats.present, presence };
    if (stats.example !== undefined) field.example = stats.example;
    return field;
  });
  return fields.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

function addStats(into: FieldStats | undefined, from: FieldStats): FieldStats {
  const types: Partial<Record<JsonType, number>> = { ...into?.types };
  for (const type of JSON_TYPES) {
    const count = from.types[type];
    if (count) types[type] = (types[type] ?? 0) + count;
  }
  const example = into?.example !== undefined ? into.example : from.example;
  return {
    types,
    present: (into?.present ?? 0) + from.present,
    ...(example !== undefined ? { example } : {}),
  };
}

type Tally = {
  counts: number[];
  present: number;
  example: unknown;
  /** Values looked at for an example; bounded so oversized values are not re-measured forever. */
  exampleTries: number;
  seenIn: number;
  typesSeen: number;
};

const MAX_EXAMPLE_TRIES = 20;

const TYPE_INDEX = new Map(JSON_TYPES.map((type, index) => [type, index]));

/** One batch's schema, built in mutable tallies for speed and converted once at the end. */
function summarise(records: DataRecord[]): InferredSchema {
  const tallies = new Map<string, Tally>();
  let truncated = false;
  let recordNumber = 0;

  const visit = (path: string, value: unknown, depth: number): void => {
    const type = jsonTypeOf(value);
    if (type === undefined) return;
    let tally = tallies.get(path);
    if (!tally) {
      if (tallies.size >= MAX_PATHS || path.length > MAX_PATH_CHARS) {
        truncated = true;
        return;
      }
      tally = {
        counts: JSON_TYPES.map(() => 0),
        present: 0,
        example: undefined,
        exampleTries: 0,
        seenIn: 0,
        typesSeen: 0,
      };
      tallies.set(path, tally);
    }
    if (tally.seenIn !== recordNumber) {
      tally.seenIn = recordNumber;
      tally.typesSeen = 0;
      tally.present++;
    }
    const index = TYPE_INDEX.get(type) as number;
    const bit = 1 << index;
    if ((tally.typesSeen & bit) === 0) {
      tally.typesSeen |= bit;
      tally.counts[index] = (tally.counts[index] as number) + 1;
    }
    if (tally.example === undefined && value !== null && tally.exampleTries < MAX_EXAMPLE_TRIES) {
      tally.exampleTries++;
      tally.example = exampleOf(value);
    }
    if (depth >= MAX_DEPTH) return;
    if (type === "object") visitFields(path, value as DataRecord, depth + 1);
    else if (type === "array") {
      const items = value as unknown[];
      const child = itemsPath(path);
      for (let i = 0; i < items.length && i < MAX_ITEMS; i++) visit(child, items[i], depth + 1);
    }
  };

  const visitFields = (parent: string | undefined, object: DataRecord, depth: number): void => {
    for (const key in object) visit(childPath(parent, key), object[key], depth);
  };

  for (const record of records) {
    recordNumber++;
    visitFields(undefined, record, 1);
  }

  const fields = new Map<string, FieldStats>();
  for (const [path, tally] of tallies) {
    const types: Partial<Record<JsonType, number>> = {};
    JSON_TYPES.forEach((type, index) => {
      const count = tally.counts[index] as number;
      if (count > 0) types[type] = count;
    });
    fields.set(path, {
      types,
      present: tally.present,
      ...(tally.example !== undefined ? { example: tally.example } : {}),
    });
  }
  return {
    records: records.length,
    fields: Object.fromEntries(fields),
    ...(truncated ? { truncated: true } : {}),
  };
}

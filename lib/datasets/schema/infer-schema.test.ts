import { describe, expect, it } from "vitest";
import type { DataRecord } from "../parse/types";
import { EMPTY_SCHEMA, inferSchema, mergeSchemas, schemaFields } from "./infer-schema";

const records: DataRecord[] = [
  {
    uid: "u1",
    age: 31,
    score: 1.5,
    active: true,
    user: { email: "a@example.com", plan: null },
    tags: ["a", "b"],
  },
  {
    uid: "u2",
    age: "unknown",
    score: 2,
    user: { email: "b@example.com" },
    tags: [],
    items: [{ sku: "X1", qty: 2 }],
  },
  { uid: "u3", age: null, items: [{ sku: "X2" }, { sku: 7 }], "a.b": 1, matrix: [[1, 2], [3]] },
];

describe("inferSchema", () => {
  it("counts records, presence and the types seen at each path", () => {
    const schema = inferSchema(records);
    expect(schema.records).toBe(3);
    expect(schema.truncated).toBeUndefined();
    expect(schema.fields.uid).toEqual({ types: { string: 3 }, present: 3, example: "u1" });
    expect(schema.fields.age).toEqual({ types: { integer: 1, string: 1, null: 1 }, present: 3, example: 31 });
    expect(schema.fields.score).toEqual({ types: { number: 1, integer: 1 }, present: 2, example: 1.5 });
    expect(schema.fields.active).toEqual({ types: { boolean: 1 }, present: 1, example: true });
  });

  it("describes nested objects with dotted paths and escapes dots inside keys", () => {
    const { fields } = inferSchema(records);
    expect(fields.user?.types).toEqual({ object: 2 });
    expect(fields["user.email"]).toEqual({ types: { string: 2 }, present: 2, example: "a@example.com" });
    // Only null was seen: the type is known, an example is not.
    expect(fields["user.plan"]).toEqual({ types: { null: 1 }, present: 1 });
    expect(fields["a\\.b"]).toEqual({ types: { integer: 1 }, present: 1, example: 1 });
  });

  it("marks arrays, their elements and objects inside them, counting each record once", () => {
    const { fields } = inferSchema(records);
    expect(fields.tags).toEqual({ types: { array: 2 }, present: 2, example: ["a", "b"] });
    // Two strings in record 1 count once; the empty array in record 2 has no elements.
    expect(fields["tags[]"]).toEqual({ types: { string: 1 }, present: 1, example: "a" });
    expect(fields["items[]"]?.types).toEqual({ object: 2 });
    expect(fields["items[].sku"]).toEqual({ types: { string: 2, integer: 1 }, present: 2, example: "X1" });
    expect(fields["items[].qty"]).toEqual({ types: { integer: 1 }, present: 1, example: 2 });
    expect(fields["matrix[][]"]).toEqual({ types: { integer: 1 }, present: 1, example: 1 });
  });

  it("merges a batch into the previous schema exactly as one pass over all records would", () => {
    const oneShot = inferSchema(records);
    const incremental = inferSchema(records.slice(1), inferSchema(records.slice(0, 1)));
    expect(incremental).toEqual(oneShot);
    expect(mergeSchemas(inferSchema(records.slice(0, 2)), inferSchema(records.slice(2)))).toEqual(oneShot);
    expect(inferSchema([], oneShot)).toEqual(oneShot);
    expect(mergeSchemas(EMPTY_SCHEMA, oneShot)).toEqual(oneShot);
  });

  it("does not change the previous schema it merges into", () => {
    const previous = inferSchema(records.slice(0, 1));
    const copy = structuredClone(previous);
    inferSchema(records.slice(1), previous);
    expect(previous).toEqual(copy);
  });

  it("keeps examples short", () => {
    const { fields } = inferSchema([
      {
        long: "x".repeat(500),
        small: { a: 1 },
        big: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i])),
      },
    ]);
    expect(fields.long?.example).toBe(`${"x".repeat(200)}…`);
    expect(fields.small?.example).toEqual({ a: 1 });
    expect(fields.big?.example).toBeUndefined();
  });

  it("stops at 1000 paths and says the schema is truncated", () => {
    const wide = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`f${i}`, i]));
    const schema = inferSchema([wide]);
    expect(Object.keys(schema.fields)).toHaveLength(1000);
    expect(schema.truncated).toBe(true);
    const merged = inferSchema(
      [Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`g${i}`, i]))],
      schema,
    );
    expect(Object.keys(merged.fields)).toHaveLength(1000);
    expect(merged.truncated).toBe(true);
  });

  it("stops descending at depth 32", () => {
    let deep: DataRecord = { leaf: 1 };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const paths = Object.keys(inferSchema([deep]).fields);
    expect(Math.max(...paths.map((p) => p.split(".").length))).toBe(32);
  });

  it("keeps a field named __proto__ as an ordinary field", () => {
    const record = JSON.parse('{"__proto__":{"x":1}}') as DataRecord;
    const schema = JSON.parse(JSON.stringify(inferSchema([record]))) as typeof EMPTY_SCHEMA;
    expect(Object.keys(schema.fields).sort()).toEqual(["__proto__", "__proto__.x"]);
  });
});

describe("schemaFields", () => {
  it("lists fields sorted by path with their types and presence", () => {
    const fields = schemaFields(inferSchema(records));
    const paths = fields.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths.slice(0, 4)).toEqual(["a\\.b", "active", "age", "items"]);
    expect(fields.find((f) => f.path === "age")).toEqual({
      path: "age",
      types: ["string", "integer", "null"],
      present: 3,
      presence: 1,
      example: 31,
    });
    expect(fields.find((f) => f.path === "user.plan")).toEqual({
      path: "user.plan",
      types: ["null"],
      present: 1,
      presence: 1 / 3,
    });
  });

  it("lists nothing for the empty schema", () => {
    expect(schemaFields(EMPTY_SCHEMA)).toEqual([]);
  });
});

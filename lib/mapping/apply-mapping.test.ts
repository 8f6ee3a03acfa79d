import { describe, expect, it } from "vitest";
import { parseJson, stringifyJson } from "@/lib/json/exact-json";
import { applyMapping } from "./apply-mapping";
import { mappingErrors } from "./mapping-errors";
import type { Mapping, TargetField } from "./types";

const targets: TargetField[] = [
  { path: "name", type: "string", required: true, description: "The event's name." },
  { path: "count", type: "integer", required: false, description: "How many." },
  { path: "at", type: "datetime", required: false, description: "When." },
  { path: "flags", type: "array", required: false, description: "Flags." },
  { path: "properties", type: "object", required: false, rest: true, description: "The rest." },
];

const record = {
  event_type: "Signed Up",
  n: "3",
  ts: 1709294400,
  user: { email: "ada@example.com", plan: "pro" },
  properties: { page: "/" },
  extra: true,
};

describe("applyMapping", () => {
  it("fills targets from fields, constants and expressions, converting to the declared types", async () => {
    const mapping: Mapping = {
      rows: [
        {
          target: "name",
          source: { kind: "expression", expression: "$lowercase(event_type)" },
          transforms: [],
        },
        { target: "count", source: { kind: "field", path: "n" }, transforms: [] },
        { target: "at", source: { kind: "field", path: "ts" }, transforms: [] },
        { target: "flags", source: { kind: "constant", value: '["a","b"]' }, transforms: [] },
      ],
      rest: null,
    };
    const mapped = await applyMapping(record, mapping, targets);
    expect(mapped.problems).toEqual([]);
    expect(mapped.item).toEqual({
      name: "signed up",
      count: 3,
      at: "2024-03-01T12:00:00.000Z",
      flags: ["a", "b"],
    });
    expect(mapped.lineage).toEqual({
      name: "expression $lowercase(event_type)",
      count: "n",
      at: "ts",
      flags: 'constant "[\\"a\\",\\"b\\"]"',
    });
  });

  it("sends the fields no row reads into the rest target, the record's own properties joining key by key", async () => {
    const mapping: Mapping = {
      rows: [
        { target: "name", source: { kind: "field", path: "event_type" }, transforms: [] },
        { target: "properties.email", source: { kind: "field", path: "user.email" }, transforms: [] },
      ],
      rest: { target: "properties" },
    };
    const mapped = await applyMapping(record, mapping, targets);
    expect(mapped.item).toEqual({
      name: "Signed Up",
      properties: {
        n: "3",
        ts: 1709294400,
        user: { plan: "pro" },
        extra: true,
        page: "/",
        email: "ada@example.com",
      },
    });
    const fromUser = await applyMapping(
      record,
      { ...mapping, rest: { target: "properties", from: "user" } },
      targets,
    );
    expect(fromUser.item.properties).toEqual({ plan: "pro", email: "ada@example.com" });
  });

  it("names the target field of every problem", async () => {
    const mapping: Mapping = {
      rows: [
        { target: "count", source: { kind: "field", path: "event_type" }, transforms: [] },
        { target: "at", source: { kind: "expression", expression: "$number('x')" }, transforms: [] },
      ],
      rest: null,
    };
    const mapped = await applyMapping(record, mapping, targets);
    expect(mapped.problems.map((problem) => [problem.kind, problem.target])).toEqual([
      ["type", "count"],
      ["expression", "at"],
      ["missing", "name"],
    ]);
    expect(mapped.problems[0]?.message).toBe('count: "Signed Up" is not a number.');
    expect(mapped.problems[2]?.message).toBe("name is required: map a field to it (The event's name.).");
  });

  it("stops an expression that runs too long, and refuses the functions that differ per build", async () => {
    const slow: Mapping = {
      rows: [
        {
          target: "name",
          source: {
            kind: "expression",
            expression: "($f := function($n){ $n > 0 ? $f($n - 1) + $f($n - 1) : 0 }; $f(40))",
          },
          transforms: [],
        },
      ],
      rest: null,
    };
    const mapped = await applyMapping(record, slow, targets);
    expect(mapped.problems[0]?.kind).toBe("expression");
    expect(mapped.problems[0]?.message).toMatch(/ran longer than 250 ms|nests too deeply/);
    const now: Mapping = {
      rows: [{ target: "name", source: { kind: "expression", expression: "$now()" }, transforms: [] }],
      rest: null,
    };
    expect((await applyMapping(record, now, targets)).problems[0]?.message).toBe(
      "name ← expression: $now() is not available: a request must be the same each time it is built.",
    );
  });
});

describe("mappingErrors", () => {
  it("blocks an unmapped required target, an unknown target, a bad expression and two of one group", () => {
    const grouped: TargetField[] = [
      ...targets,
      { path: "user.uid", type: "string", required: false, group: "id", description: "x" },
      { path: "user.id", type: "string", required: false, group: "id", description: "x" },
    ];
    const errors = mappingErrors(
      {
        rows: [
          { target: "nope", source: { kind: "field", path: "a" }, transforms: [] },
          { target: "at", source: { kind: "expression", expression: "$lowercase(" }, transforms: [] },
          { target: "user.uid", source: { kind: "field", path: "a" }, transforms: [] },
          { target: "user.id", source: { kind: "field", path: "b" }, transforms: [] },
          { target: "properties.page", source: { kind: "field", path: "p" }, transforms: [] },
        ],
        rest: null,
      },
      grouped,
    );
    expect(errors).toEqual({
      "mapping.nope": "This endpoint has no field nope.",
      "mapping.at": expect.stringMatching(/^The expression does not parse: /),
      "mapping.name": "Map a field to name: the event's name.",
      "mapping.user.uid": "Map only one of user.uid or user.id.",
      "mapping.user.id": "Map only one of user.uid or user.id.",
    });
  });
});

describe("hostile target paths", () => {
  it("writes __proto__ as the item's own field, never to Object.prototype", async () => {
    const mapping: Mapping = {
      rows: [{ target: "__proto__.polluted", source: { kind: "constant", value: "yes" }, transforms: [] }],
      rest: null,
    };
    const mapped = await applyMapping({}, mapping, undefined);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(mapped.item, "__proto__")).toBe(true);
    expect(JSON.stringify(mapped.item)).toBe('{"__proto__":{"polluted":"yes"}}');
  });
});

describe("applyMapping with numbers kept as written", () => {
  const exact = parseJson(
    '{"event_type":"Paid","n":12345678901234567890123,"amount":1.50,"raw":1e400}',
  ) as Record<string, unknown>;

  it("carries fields, expressions and the rest byte for byte", async () => {
    const mapping: Mapping = {
      rows: [
        { target: "name", source: { kind: "field", path: "event_type" }, transforms: [] },
        { target: "properties.raw", source: { kind: "expression", expression: "raw" }, transforms: [] },
      ],
      rest: { target: "properties" },
    };
    const mapped = await applyMapping(exact, mapping, targets);
    expect(mapped.problems).toEqual([]);
    expect(stringifyJson(mapped.item)).toContain('"raw":1e400');
    expect(stringifyJson(mapped.item)).toContain('"amount":1.50');
    expect(stringifyJson(mapped.item)).toContain('"n":12345678901234567890123');
  });

  it("refuses, naming the field and the value, a number a number field cannot hold", async () => {
    const mapping: Mapping = {
      rows: [
        { target: "name", source: { kind: "field", path: "event_type" }, transforms: [] },
        { target: "count", source: { kind: "field", path: "n" }, transforms: [] },
      ],
      rest: null,
    };
    const mapped = await applyMapping(exact, mapping, targets);
    expect(mapped.problems.map((problem) => problem.message)).toEqual([
      "count: 12345678901234567890123 has more digits than a number field holds (it would become 1.2345678901234568e+22): send it as text instead.",
    ]);
  });
});

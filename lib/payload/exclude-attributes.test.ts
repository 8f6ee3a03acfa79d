import { describe, expect, it } from "vitest";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { parseJson, stringifyJson } from "@/lib/json/exact-json";
import { excludeAttributes } from "./exclude-attributes";

describe("excludeAttributes", () => {
  const record = {
    id: 1,
    user: { email: "a@x.io", name: "A", address: { city: "Oslo", zip: "0150" } },
    items: [
      { sku: "s1", qty: 1 },
      { sku: "s2", qty: 2 },
    ],
    tags: ["a", "b"],
    "a.b": "dotted key",
  };

  it("removes top-level and nested paths, leaving the input unchanged", () => {
    const before = structuredClone(record);
    const out = excludeAttributes(record, ["id", "user.email", "user.address.zip"]);
    expect(out).toEqual({
      user: { name: "A", address: { city: "Oslo" } },
      items: record.items,
      tags: ["a", "b"],
      "a.b": "dotted key",
    });
    expect(record).toEqual(before);
  });

  it("removes a field from every object of an array", () => {
    expect(excludeAttributes(record, ["items[].sku"]).items).toEqual([{ qty: 1 }, { qty: 2 }]);
  });

  it("drops an array whose elements are excluded, and reads escaped keys", () => {
    const out = excludeAttributes(record, ["tags[]", "a\\.b"]);
    expect(out).not.toHaveProperty("tags");
    expect(out).not.toHaveProperty(["a.b"]);
  });

  it("ignores paths that are not in the record", () => {
    expect(excludeAttributes(record, ["nope", "user.nope.deeper", "tags.x", ""])).toEqual(record);
  });

  it("keeps keys written like array indices in their place", () => {
    const written = parseJson('{"b":1,"2024":{"x":1,"10":2,"c":3},"c":3}') as DataRecord;
    expect(stringifyJson(excludeAttributes(written, ["c", "2024.c"]))).toBe('{"b":1,"2024":{"x":1,"10":2}}');
  });
});

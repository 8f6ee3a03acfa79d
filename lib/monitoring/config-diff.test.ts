import { describe, expect, it } from "vitest";
import { diffConfig } from "./config-diff";

describe("diffConfig", () => {
  it("finds nothing between equal configurations", () => {
    const config = {
      name: "Sink",
      endpoint: { url: "https://a.test", headers: [{ name: "X", value: "1" }] },
    };
    expect(diffConfig(config, structuredClone(config))).toEqual([]);
  });

  it("names changed, added and removed settings as the wizard does", () => {
    const before = {
      name: "Sink",
      endpoint: {
        url: "https://a.test/v1",
        batching: { enabled: false, size: 100 },
        excludeAttributes: ["ssn"],
      },
      responseWebhook: false,
    };
    const after = {
      name: "Sink",
      endpoint: {
        url: "https://a.test/v2",
        batching: { enabled: true, size: 100 },
        excludeAttributes: [],
        contentFormat: "json",
      },
    };
    expect(diffConfig(before, after)).toEqual([
      { path: "Record Batching", kind: "changed", before: false, after: true },
      { path: "Content Format", kind: "added", after: "json" },
      { path: "Exclude Attributes", kind: "removed", before: "ssn" },
      { path: "URL", kind: "changed", before: "https://a.test/v1", after: "https://a.test/v2" },
      { path: "Keep API responses", kind: "removed", before: false },
    ]);
  });

  it("compares list items index by index and reports a type change whole", () => {
    const before = { headers: [{ name: "X-Source", value: "outflow" }], bodyTemplate: null };
    const after = {
      headers: [
        { name: "X-Source", value: "crm" },
        { name: "X-Team", value: "growth" },
      ],
      bodyTemplate: { users: "{{records}}" },
    };
    expect(diffConfig(before, after)).toEqual([
      { path: "bodyTemplate", kind: "changed", before: null, after: { users: "{{records}}" } },
      { path: "headers[0].value", kind: "changed", before: "outflow", after: "crm" },
      { path: "headers[1]", kind: "added", after: { name: "X-Team", value: "growth" } },
    ]);
  });

  it("names request headers by name, as Name: value", () => {
    const before = {
      endpoint: {
        headers: [
          { name: "X-Source", value: "outflow" },
          { name: "X-Old", value: "1" },
        ],
      },
    };
    const after = {
      endpoint: {
        headers: [
          { name: "X-Team", value: "growth" },
          { name: "x-source", value: "crm" },
        ],
      },
    };
    expect(diffConfig(before, after)).toEqual([
      { path: "Request Headers", kind: "changed", before: "X-Source: outflow", after: "x-source: crm" },
      { path: "Request Headers", kind: "removed", before: "X-Old: 1" },
      { path: "Request Headers", kind: "added", after: "X-Team: growth" },
    ]);
  });

  it("treats an undefined key as absent", () => {
    expect(diffConfig({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
  });

  it("names mapping changes row by row in the editor's words", () => {
    const row = (target: string, path: string, transforms: { kind: string }[] = []) => ({
      target,
      source: { kind: "field", path },
      transforms,
    });
    const before = {
      endpoint: { mapping: { rows: [row("name", "type"), row("email", "email")], rest: null } },
    };
    const after = {
      endpoint: {
        mapping: {
          rows: [
            row("name", "event_type"),
            {
              target: "plan",
              source: { kind: "constant", value: "pro" },
              transforms: [{ kind: "lowercase" }],
            },
          ],
          rest: { target: "properties" },
        },
      },
    };
    expect(diffConfig(before, after)).toEqual([
      { path: "Mapping", kind: "changed", before: "name ← type", after: "name ← event_type" },
      { path: "Mapping", kind: "removed", before: "email ← email" },
      { path: "Mapping", kind: "added", after: 'plan ← constant "pro" (lowercase)' },
      { path: "Mapping", kind: "added", after: "rest of record → properties" },
    ]);
    expect(
      diffConfig(
        { endpoint: {} },
        { endpoint: { mapping: { rows: [row("name", "event_type")], rest: null } } },
      ),
    ).toEqual([{ path: "Mapping", kind: "added", after: "name ← event_type" }]);
  });
});

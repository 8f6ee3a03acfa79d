import { describe, expect, it } from "vitest";
import { byteLength, formatBody } from "./format-body";

describe("formatBody", () => {
  it("indents JSON without changing a number or the key order", () => {
    expect(formatBody('{"b":1.50,"a":[12345678901234567890123,1e400]}', "application/json")).toEqual({
      kind: "text",
      text: '{\n  "b": 1.50,\n  "a": [\n    12345678901234567890123,\n    1e400\n  ]\n}',
    });
  });

  it("indents XML", () => {
    expect(formatBody("<records><record><n>1.50</n></record></records>", "application/xml")).toEqual({
      kind: "text",
      text: "<records>\n  <record>\n    <n>1.50</n>\n  </record>\n</records>",
    });
  });

  it("shows NDJSON one record a line, and CSV as a table", () => {
    expect(formatBody('{"a":1}\n{"a":2}\n', "application/x-ndjson")).toEqual({
      kind: "text",
      text: '{"a":1}\n{"a":2}',
    });
    expect(formatBody('n,note\r\n1.50,"a, b"\r\n2,c', "text/csv; charset=utf-8")).toEqual({
      kind: "table",
      header: ["n", "note"],
      rows: [
        ["1.50", "a, b"],
        ["2", "c"],
      ],
    });
  });

  it("shows a body that is not what its type says as it is", () => {
    expect(formatBody("{not json", "application/json")).toEqual({ kind: "text", text: "{not json" });
  });

  it("counts bytes, not characters", () => {
    expect(byteLength("é😀")).toBe(6);
  });
});

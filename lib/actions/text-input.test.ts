import { describe, expect, it } from "vitest";
import { datasetNameSchema } from "@/lib/datasets/dataset-name";
import { isSingleLine, pathsWithNul, SINGLE_LINE_MESSAGE } from "./text-input";

describe("pathsWithNul", () => {
  it("names every field holding a NUL, nested ones by their dotted path", () => {
    expect(
      pathsWithNul({
        name: "a\u0000b",
        ok: "fine",
        endpoint: { headers: [{ name: "X", value: "v\u0000" }] },
      }),
    ).toEqual(["name", "endpoint.headers.0.value"]);
  });

  it("finds nothing in clean input, and leaves an escaped \\u0000 written as text alone", () => {
    expect(pathsWithNul({ name: "a", body: '{"x":"\\u0000"}', n: 3, none: null })).toEqual([]);
  });
});

describe("isSingleLine", () => {
  it.each(["a\nb", "a\rb", "a\tb"])("refuses %j", (value) => {
    expect(isSingleLine(value)).toBe(false);
  });

  it("gives a name with a line break inside a field error, after trimming the ends", () => {
    expect(datasetNameSchema.safeParse("  Signups\n").success).toBe(true);
    const parsed = datasetNameSchema.safeParse("Sign\nups");
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(SINGLE_LINE_MESSAGE);
  });
});

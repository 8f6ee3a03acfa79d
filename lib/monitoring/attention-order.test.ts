import { describe, expect, it } from "vitest";
import { compareByAttention } from "./attention-order";

describe("compareByAttention", () => {
  it("lists failing, then active, paused and draft destinations, by name within each", () => {
    const destinations = [
      { name: "zeta", status: "draft" },
      { name: "beta", status: "active" },
      { name: "Alpha", status: "active" },
      { name: "omega", status: "failing" },
      { name: "gamma", status: "paused" },
      { name: "delta", status: "failing" },
    ] as const;
    expect([...destinations].sort(compareByAttention).map((d) => d.name)).toEqual([
      "delta",
      "omega",
      "Alpha",
      "beta",
      "gamma",
      "zeta",
    ]);
  });
});

/**
 * What mapping costs in the request builder: records/s through `buildRequests` for the same
 * 10,000 sample records, sent as they are and through a 10-row mapping with one JSONata
 * expression. Pure (no database): the two alternate run by run after a warm-up, medians printed.
 */
import { sampleRecords } from "@/lib/datasets/sample-records";
import type { Mapping } from "@/lib/mapping/types";
import { buildRequests } from "@/lib/payload/build-requests";
import { manualConfig } from "@/lib/payload/test-config";
import type { EndpointConfig } from "@/lib/payload/types";

export const BENCH_MAPPING: Mapping = {
  rows: [
    { target: "id", source: { kind: "field", path: "uid" }, transforms: [] },
    { target: "email", source: { kind: "field", path: "email" }, transforms: [{ kind: "lowercase" }] },
    { target: "event", source: { kind: "field", path: "event_type" }, transforms: [] },
    { target: "at", source: { kind: "field", path: "occurred_at" }, transforms: [{ kind: "to-timestamp" }] },
    {
      target: "name",
      source: { kind: "expression", expression: 'user.first_name & " " & user.last_name' },
      transforms: [],
    },
    { target: "plan", source: { kind: "field", path: "user.plan" }, transforms: [{ kind: "uppercase" }] },
    { target: "country", source: { kind: "field", path: "user.country" }, transforms: [] },
    { target: "page", source: { kind: "field", path: "properties.page" }, transforms: [{ kind: "trim" }] },
    {
      target: "opt_in",
      source: { kind: "field", path: "marketing_opt_in" },
      transforms: [{ kind: "to-string" }],
    },
    { target: "source", source: { kind: "constant", value: "outflow" }, transforms: [] },
  ],
  rest: null,
};

const RECORDS = 10_000;
const WARMUP_RUNS = 3;
const TIMED_RUNS = 11;

function config(mapping: Mapping | null): EndpointConfig {
  return manualConfig({ batching: { enabled: true, size: 100, grouping: "fixed" }, mapping });
}

export async function benchMapping(): Promise<{ label: string; recordsPerSecond: number[] }[]> {
  const records = sampleRecords(RECORDS).map((data, index) => ({ id: String(index + 1), data }));
  const cases = [
    { label: "records sent as they are", config: config(null) },
    { label: "10-row mapping, one JSONata expression", config: config(BENCH_MAPPING) },
  ];
  const context = { baseUrl: "https://api.example.com" };
  for (const { label, config } of cases) {
    const built = await buildRequests(config, records, context);
    if (built.requests.length !== RECORDS / 100)
      throw new Error(`${label}: built ${built.requests.length} requests`);
  }
  for (let run = 0; run < WARMUP_RUNS; run++)
    for (const c of cases) await buildRequests(c.config, records, context);
  const rates = cases.map(() => [] as number[]);
  for (let run = 0; run < TIMED_RUNS; run++) {
    for (const [index, c] of cases.entries()) {
      const started = performance.now();
      await buildRequests(c.config, records, context);
      rates[index]?.push(RECORDS / ((performance.now() - started) / 1000));
    }
  }
  return cases.map((c, index) => ({ label: c.label, recordsPerSecond: rates[index] ?? [] }));
}

export const MAPPING_BENCH = { RECORDS, WARMUP_RUNS, TIMED_RUNS };

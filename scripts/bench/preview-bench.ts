/**
 * Sample Payload server time (issue 5: under 150 ms for 5 samples): `previewRequests` on a
 * 10,000-record dataset, for Request Inspector destinations without and with batching, and with a
 * 10-row mapping (issue 11: one of its rows a JSONata expression). Import it
 * only once the bench's database is configured.
 */
import { createDataset } from "@/lib/datasets/manage-datasets";
import { sampleRecords } from "@/lib/datasets/sample-records";
import { appendRecords } from "@/lib/datasets/store/append-records";
import { db } from "@/lib/db/client";
import type { DestinationConfig } from "@/lib/destinations/destination-config";
import {
  createDestinationDraft,
  getDestination,
  saveDestinationDraft,
} from "@/lib/destinations/manage-destinations";
import { type Preview, previewRequests } from "@/lib/destinations/preview-requests";
import { createBin } from "@/lib/inspector/create-bin";
import { inspectorUrl } from "@/lib/inspector/inspector-url";
import { BENCH_MAPPING } from "./mapping-bench";

export const PREVIEW_RECORDS = 10_000;
export const PREVIEW_SAMPLES = 5;
export const PREVIEW_WARMUP_RUNS = 5;
export const PREVIEW_TIMED_RUNS = 50;

export type PreviewCase = {
  label: string;
  /** Wall time of each timed previewRequests call, in ms. */
  latencies: number[];
  sampledRecords: number;
  forecastRequests: number;
};

type Endpoint = Pick<DestinationConfig["endpoint"], "contentFormat" | "batching" | "mapping">;

const CASES: { label: string; endpoint: Endpoint }[] = [
  {
    label: "batching off, JSON",
    endpoint: {
      contentFormat: "json",
      batching: { enabled: false, size: 100, grouping: "fixed", envelopeKey: null },
    },
  },
  {
    label: "batching off, JSON, 10-row mapping with a JSONata expression",
    endpoint: {
      contentFormat: "json",
      batching: { enabled: false, size: 100, grouping: "fixed", envelopeKey: null },
      mapping: BENCH_MAPPING,
    },
  },
  {
    label: "batching on, fixed 100/request, NDJSON",
    endpoint: {
      contentFormat: "ndjson",
      batching: { enabled: true, size: 100, grouping: "fixed", envelopeKey: null },
    },
  },
];

export async function benchPreview(): Promise<PreviewCase[]> {
  const { id: workspaceId } = await db().workspace.create({ data: { name: "Bench preview" } });
  const { id: datasetId } = await createDataset(workspaceId, "Sample users and events");
  await appendRecords(datasetId, sampleRecords(PREVIEW_RECORDS));
  const bin = await createBin(workspaceId, "Preview bench");

  const prepared: { label: string; run: () => ReturnType<typeof previewRequests>; first: Preview }[] = [];
  for (const { label, endpoint } of CASES) {
    const { id } = await createDestinationDraft(workspaceId, datasetId, "inspector");
    const draft = await getDestination(workspaceId, id);
    if (!draft) throw new Error("The bench's destination draft was not created.");
    const config: DestinationConfig = {
      ...draft.config,
      inspectorBinId: bin.id,
      endpoint: { ...draft.config.endpoint, method: "POST", url: inspectorUrl(bin.id), ...endpoint },
    };
    await saveDestinationDraft(workspaceId, id, config, "endpoint");
    const run = () => previewRequests(workspaceId, id, config, PREVIEW_SAMPLES);
    const first = await run();
    // A preview that builds nothing would time nothing: stop rather than print a meaningless figure.
    if (Object.keys(first.fieldErrors).length > 0 || first.requests.length !== PREVIEW_SAMPLES) {
      throw new Error(
        `${label}: the preview built ${first.requests.length} requests (${JSON.stringify(first.fieldErrors)}).`,
      );
    }
    prepared.push({ label, run, first });
  }
  // Warm every case first, then alternate them run by run, so no case gets a cooler machine.
  for (let run = 1; run < PREVIEW_WARMUP_RUNS; run++) for (const item of prepared) await item.run();
  const latencies = prepared.map(() => [] as number[]);
  for (let run = 0; run < PREVIEW_TIMED_RUNS; run++) {
    for (const [index, item] of prepared.entries()) {
      const started = performance.now();
      await item.run();
      latencies[index]?.push(performance.now() - started);
    }
  }
  const results: PreviewCase[] = prepared.map((item, index) => ({
    label: item.label,
    latencies: latencies[index] ?? [],
    sampledRecords: item.first.sampledRecords,
    forecastRequests: item.first.forecast?.requests ?? Number.NaN,
  }));
  return results;
}

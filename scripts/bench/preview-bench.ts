/**
 * Sample Payload server time (issue 5: under 150 ms for 5 samples): `previewRequests` on a
 * 10,000-record dataset, for Request Inspector destinations without and with batching. Import it
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
import { previewRequests } from "@/lib/destinations/preview-requests";
import { createBin } from "@/lib/inspector/create-bin";
import { inspectorUrl } from "@/lib/inspector/inspector-url";

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

type Endpoint = Pick<DestinationConfig["endpoint"], "contentFormat" | "batching">;

const CASES: { label: string; endpoint: Endpoint }[] = [
  {
    label: "batching off, JSON",
    endpoint: {
      contentFormat: "json",
      batching: { enabled: false, size: 100, grouping: "fixed", envelopeKey: null },
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

  const results: PreviewCase[] = [];
  for (const { label, endpoint } of CASES) {
    const { id } = await createDestinationDraft(workspaceId, datasetId, "inspector");
    const draft = await getDestination(workspaceId, id);
    if (!draft) throw new Error("The bench's destination draft was not created.");
    const config: DestinationConfig = {
      ...draft.config,
      inspectorBinId: bin.id,
      endpoint: { ...draft.config.endpoint, method: "POST", url: inspectorUrl(bin.id), ...endpoint },
    };
    await saveDestinationDraft(workspaceId, id, config);

    const preview = () => previewRequests(workspaceId, id, config, PREVIEW_SAMPLES);
    const first = await preview();
    // A preview that builds nothing would time nothing: stop rather than print a meaningless figure.
    if (Object.keys(first.fieldErrors).length > 0 || first.requests.length !== PREVIEW_SAMPLES) {
      throw new Error(
        `${label}: the preview built ${first.requests.length} requests (${JSON.stringify(first.fieldErrors)}).`,
      );
    }
    for (let run = 1; run < PREVIEW_WARMUP_RUNS; run++) await preview();
    const latencies: number[] = [];
    for (let run = 0; run < PREVIEW_TIMED_RUNS; run++) {
      const started = performance.now();
      await preview();
      latencies.push(performance.now() - started);
    }
    results.push({
      label,
      latencies,
      sampledRecords: first.sampledRecords,
      forecastRequests: first.forecast?.requests ?? Number.NaN,
    });
  }
  return results;
}

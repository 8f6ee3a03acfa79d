/** Test helper for golden template tests: build through the one request builder, minus the hash. */

import type { DataRecord } from "@/lib/datasets/parse/types";
import { buildRequests } from "@/lib/payload/build-requests";
import { sourceRecords, templateConfig } from "@/lib/payload/test-config";
import type { BatchingConfig, EndpointConfig } from "@/lib/payload/types";
import { templateForConfig } from "./find-template";

export async function build(
  connectorId: string,
  templateId: string,
  baseUrl: string,
  settings: Record<string, unknown>,
  records: DataRecord[],
  changes: Partial<EndpointConfig> & { batching?: BatchingConfig } = {},
) {
  const config = templateConfig(connectorId, templateId, settings, changes);
  const result = await buildRequests(config, sourceRecords(...records), {
    baseUrl,
    template: templateForConfig(config),
  });
  return {
    requests: result.requests.map(({ idempotencyKey: _key, ...request }) => request),
    problems: result.problems.map(({ recordId, message }) => ({ recordId, message })),
    skipped: result.skipped,
    dropped: result.dropped,
  };
}

export const JSON_HEADERS = { "content-type": "application/json" };

/** Test helper for golden template tests: build through the one request builder, minus the hash. */

import type { DataRecord } from "@/lib/datasets/parse/types";
import { buildRequests } from "@/lib/payload/build-requests";
import { sourceRecords, templateConfig } from "@/lib/payload/test-config";
import type { BatchingConfig, EndpointConfig } from "@/lib/payload/types";

export function build(
  connectorId: string,
  templateId: string,
  baseUrl: string,
  settings: Record<string, unknown>,
  records: DataRecord[],
  changes: Partial<EndpointConfig> & { batching?: BatchingConfig } = {},
) {
  const result = buildRequests(
    templateConfig(connectorId, templateId, settings, changes),
    sourceRecords(...records),
    {
      baseUrl,
    },
  );
  return {
    requests: result.requests.map(({ idempotencyKey: _key, ...request }) => request),
    problems: result.problems,
    skipped: result.skipped,
  };
}

export const JSON_HEADERS = { "content-type": "application/json" };

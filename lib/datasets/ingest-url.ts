import { getConfig } from "@/lib/config";

export function ingestUrl(datasetId: string): string {
  return `${getConfig().publicUrl}/api/v1/datasets/${datasetId}/records`;
}

/** A curl command that posts two NDJSON records; the key is read from the environment. */
export function ingestCurlCommand(datasetId: string, key = "$OUTFLOW_INGEST_KEY"): string {
  return [
    `curl -X POST '${ingestUrl(datasetId)}' \\`,
    `  -H "Authorization: Bearer ${key}" \\`,
    `  -H 'Content-Type: application/x-ndjson' \\`,
    `  --data-binary $'{"uid":"u_1","email":"ada@example.com","event_type":"signed_up"}\\n{"uid":"u_2","email":"grace@example.com","event_type":"logged_in"}\\n'`,
  ].join("\n");
}

/** A curl command that posts two NDJSON records to an ingest URL; by default the key comes from the environment. */
export function ingestCurlCommand(url: string, key = "$OUTFLOW_INGEST_KEY"): string {
  return [
    `curl -X POST '${url}' \\`,
    `  -H "Authorization: Bearer ${key}" \\`,
    `  -H 'Content-Type: application/x-ndjson' \\`,
    `  --data-binary $'{"uid":"u_1","email":"ada@example.com","event_type":"signed_up"}\\n{"uid":"u_2","email":"grace@example.com","event_type":"logged_in"}\\n'`,
  ].join("\n");
}

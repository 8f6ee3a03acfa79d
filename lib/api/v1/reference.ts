/**
 * The OpenAPI document as the reference page lists it: each operation with its parameters,
 * answers and a curl command to copy (the token as the shell variable $OUTFLOW_API_TOKEN).
 */
import { openApiDocument } from "./openapi";

export type ReferenceOperation = {
  method: string;
  path: string;
  summary: string;
  description: string | null;
  tag: string;
  parameters: { name: string; in: string; required: boolean; description: string | null }[];
  body: string | null;
  responses: { status: string; description: string }[];
  curl: string;
};

type Json = Record<string, unknown>;

const EXAMPLE_BODIES: Record<string, string> = {
  NewDataset: '{"name": "Signups"}',
  CredentialInput:
    '{"connectorId": "http", "name": "Warehouse API", "values": {"authType": "bearer", "token": "…"}, "baseUrl": "https://api.example.com"}',
  NewDestination:
    '{"datasetId": "…", "connectorId": "hubspot", "name": "Signups to HubSpot", "credentialId": "…"}',
  // The whole configuration, as GET …/config returns it under "config", edited in a file.
  DestinationConfig: "@config.json",
  DeliverySettings:
    '{"schedule": "continuous", "concurrency": 4, "maxAttempts": 6, "retryBaseSeconds": 60, "requestTimeoutSeconds": 30}',
  FailedRecordSelection: '{"filter": {"reason": "…"}}',
  FailedRecordEdit: '{"payload": {"email": "ann@example.com"}}',
  NewInspector: '{"name": "Checks"}',
  Records: '[{"email": "ann@example.com", "plan": "pro"}]',
  DatasetRename: '{"name": "Signups (EU)"}',
};

export function referenceOperations(publicUrl: string): ReferenceOperation[] {
  const document = openApiDocument() as unknown as { paths: Record<string, Record<string, Json>> };
  const operations: ReferenceOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const parameters = ((operation.parameters as Json[] | undefined) ?? []).map((parameter) => ({
        name: String(parameter.name),
        in: String(parameter.in),
        required: Boolean(parameter.required),
        description: typeof parameter.description === "string" ? parameter.description : null,
      }));
      const bodyRef = (
        (operation.requestBody as Json | undefined)?.content as
          | Record<string, { schema?: { $ref?: string } }>
          | undefined
      )?.["application/json"]?.schema?.$ref;
      // The ingest endpoint takes the dataset's ingest key and records, not an API token.
      const ingest = ((operation.security as Json[] | undefined) ?? []).some(
        (scheme) => "ingestKey" in scheme,
      );
      const body = ingest ? "Records" : bodyRef ? (bodyRef.split("/").at(-1) ?? null) : null;
      const url = `${publicUrl}${path.replace(/\{(\w+)\}/g, (_, name: string) => `$${name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`)}`;
      const curl = [
        `curl${method === "get" ? "" : ` -X ${method.toUpperCase()}`} "${url}"`,
        `  -H "Authorization: Bearer ${ingest ? "$OUTFLOW_INGEST_KEY" : "$OUTFLOW_API_TOKEN"}"`,
        ...(body ? [`  -H "Content-Type: application/json"`, exampleBody(EXAMPLE_BODIES[body] ?? "{}")] : []),
      ].join(" \\\n");
      operations.push({
        method: method.toUpperCase(),
        path,
        summary: String(operation.summary ?? ""),
        description: typeof operation.description === "string" ? operation.description : null,
        tag: ((operation.tags as string[] | undefined) ?? ["API"])[0] ?? "API",
        parameters,
        body,
        responses: Object.entries((operation.responses as Record<string, Json>) ?? {}).map(
          ([status, response]) => ({
            status,
            description: String(response.description ?? ""),
          }),
        ),
        curl,
      });
    }
  }
  return operations;
}

/** curl's -d: a body in quotes, or `@file` to read one from a file. */
function exampleBody(body: string): string {
  return body.startsWith("@") ? `  -d ${body}` : `  -d '${body}'`;
}

/**
 * The REST API's resources and inputs as zod schemas: the handlers parse and shape with them, and
 * the OpenAPI document is generated from them (openapi.ts), so the two cannot disagree.
 */
import { z } from "zod";
import { credentialInputSchema } from "@/lib/credentials/credential-input";
import { datasetNameSchema } from "@/lib/datasets/dataset-name";
import { DestinationStatus, RunStatus, RunTrigger } from "@/lib/db/generated/enums";
import { destinationConfigSchema, endpointConfigSchema } from "@/lib/destinations/destination-config";

export const problemSchema = z
  .object({
    type: z.literal("about:blank"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: "What went wrong and what to do." }),
    errors: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: "Field messages by path, for input the API refused (422)." }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });

const id = z.uuid();
const timestamp = z.iso.datetime();

export const pageQuerySchema = z.object({
  cursor: z.string().max(200).optional().meta({ description: "`nextCursor` of the previous page." }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const page = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      data: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: "Pass as `cursor` for the next page; null on the last." }),
    })
    .meta({ id: name });

export const datasetSchema = z
  .object({
    id,
    name: z.string(),
    recordCount: z.number().int(),
    lastReceivedAt: timestamp.nullable(),
    createdAt: timestamp,
    destinations: z.number().int().meta({ description: "How many destinations send this dataset." }),
    ingestUrl: z.string().meta({ description: "POST records here with the dataset's ingest key." }),
  })
  .meta({ id: "Dataset" });

export const datasetPageSchema = page(datasetSchema, "DatasetPage");

export const createDatasetSchema = z.object({ name: datasetNameSchema }).meta({ id: "NewDataset" });
export const renameDatasetSchema = z.object({ name: datasetNameSchema }).meta({ id: "DatasetRename" });

export const createdDatasetSchema = datasetSchema
  .extend({ ingestKey: z.string().meta({ description: "Shown this once; only a hash is kept." }) })
  .meta({ id: "CreatedDataset" });

export const datasetSchemaResponse = z
  .object({
    records: z.number().int(),
    truncated: z.boolean(),
    fields: z.array(
      z.object({
        path: z.string(),
        types: z.array(z.string()),
        present: z.number().int(),
        presence: z.number().meta({ description: "0 to 1: the share of records holding the path." }),
        example: z.unknown().optional(),
      }),
    ),
  })
  .meta({ id: "DatasetSchema" });

export const recordSchema = z
  .object({
    id: z.string(),
    number: z.number().int().meta({ description: "The record's number in its dataset: #1 came first." }),
    receivedAt: timestamp,
    data: z.record(z.string(), z.unknown()).meta({ description: "The record as it was written." }),
  })
  .meta({ id: "Record" });

export const recordPageSchema = page(recordSchema, "RecordPage");

export const destinationSchema = z
  .object({
    id,
    name: z.string(),
    status: z.enum(DestinationStatus),
    connectorId: z.string(),
    dataset: z.object({ id, name: z.string() }),
    version: z
      .number()
      .int()
      .meta({ description: "The configuration version in force; 0 before the first Done." }),
    updatedAt: timestamp,
  })
  .meta({ id: "Destination" });

export const destinationPageSchema = page(destinationSchema, "DestinationPage");

export const runSchema = z
  .object({
    id,
    trigger: z.enum(RunTrigger),
    status: z.enum(RunStatus),
    stoppedBy: z.string().nullable().meta({ description: "What stopped the run early, if anything." }),
    version: z.number().int(),
    startedAt: timestamp,
    finishedAt: timestamp.nullable(),
    records: z.object({
      planned: z.number().int(),
      delivered: z.number().int(),
      failed: z.number().int(),
      skipped: z.number().int(),
    }),
    requests: z.object({
      attempted: z.number().int(),
      delivered: z.number().int(),
      failed: z.number().int(),
    }),
    lastError: z.string().nullable(),
  })
  .meta({ id: "Run" });

export const runPageSchema = page(runSchema, "RunPage");

export const runQuerySchema = pageQuerySchema.extend({
  status: z.enum(RunStatus).optional().meta({ description: "Only runs with this status." }),
});

export const destinationConfigInput = destinationConfigSchema.meta({
  id: "DestinationConfig",
  description:
    "What the wizard sets and each version keeps: the endpoint (a connector template and its settings, or a manual URL, method, headers and body), batching, mapping, the credential or inspector, and the name.",
});

export const newDestinationSchema = z
  .object({
    datasetId: z.uuid(),
    connectorId: z
      .string()
      .min(1, "Choose a connector: hotjar, hightouch, fullstory, hubspot, http or inspector."),
    name: z.string().trim().min(1, "Name the destination.").max(100),
    credentialId: z.uuid().nullable().optional(),
    inspectorBinId: z.string().max(100).nullable().optional(),
    endpoint: endpointConfigSchema
      .optional()
      .meta({ description: "Default: the connector's first endpoint." }),
    responseWebhook: z.boolean().optional(),
  })
  .meta({ id: "NewDestination" });

export const destinationConfigResponse = z
  .object({ version: z.number().int(), config: destinationConfigInput })
  .meta({ id: "DestinationVersionConfig" });

export const versionListSchema = z
  .object({ data: z.array(z.object({ version: z.number().int(), createdAt: timestamp })) })
  .meta({ id: "DestinationVersions" });

export const versionChangesSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    changes: z
      .array(z.record(z.string(), z.unknown()))
      .meta({ description: "Field by field, in the wizard's words." }),
  })
  .meta({ id: "DestinationChanges" });

export const changesQuerySchema = z.object({
  from: z.coerce.number().int().min(1).optional().meta({ description: "Default: the version before." }),
});

export const credentialSchema = z
  .object({
    id,
    name: z.string(),
    connectorId: z.string(),
    status: z.string().meta({ description: "untested, verified, failed, expiring or expired." }),
    lastTestedAt: timestamp.nullable(),
    lastTestMessage: z.string().nullable(),
    settings: z.record(z.string(), z.string()).meta({ description: "Fields that are not secret." }),
    secretsSet: z
      .array(z.string())
      .meta({ description: "The secret fields that hold a value. Secrets are write-only: never returned." }),
    baseUrl: z.string().nullable(),
    tokenUrl: z.string().nullable(),
    allowedDomains: z.array(z.string()),
    keyCreatedAt: z.string().nullable(),
    rateLimit: z.object({ requests: z.number().int(), windowSeconds: z.number().int() }).nullable(),
    usedBy: z.number().int().meta({ description: "Destinations sending with it." }),
  })
  .meta({ id: "Credential" });

export const credentialPageSchema = page(credentialSchema, "CredentialPage");

export const credentialBodySchema = credentialInputSchema.omit({ id: true }).meta({
  id: "CredentialInput",
  description:
    "The connector's fields in `values` (secret ones included); on a change, a secret left out or empty keeps its saved value. `allowedDomains` is one string, entries separated by commas.",
});

export const connectionTestSchema = z
  .object({
    ok: z.boolean(),
    summary: z.string(),
    hint: z.string().optional(),
    warning: z.string().optional(),
    apiMessage: z.string().optional(),
    called: z.string(),
    status: z.number().int().optional(),
    durationMs: z.number(),
  })
  .meta({ id: "ConnectionTest" });

export const failedRecordSchema = z
  .object({
    id: z.string(),
    recordNumber: z.number().int().nullable().meta({ description: "The record's number in its dataset." }),
    payload: z.record(z.string(), z.unknown()).meta({ description: "The record as it will be sent again." }),
    edited: z.boolean(),
    reason: z.string(),
    lastStatus: z.number().int().nullable(),
    attempts: z.number().int(),
    failedAt: timestamp,
  })
  .meta({ id: "FailedRecord" });

export const failedRecordPageSchema = z
  .object({
    data: z.array(failedRecordSchema),
    total: z.number().int().meta({ description: "Failed records matching the filter." }),
    reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: "FailedRecordPage" });

export const failedRecordQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,6}$/, "Pass the nextCursor of the previous page.")
    .optional(),
  reason: z
    .string()
    .max(5000)
    .optional()
    .meta({ description: "Only records failed for this kind of reason." }),
  text: z
    .string()
    .max(200)
    .optional()
    .meta({ description: "Only records whose reason or payload holds this text." }),
});

export const failedRecordSelectionSchema = z
  .object({
    ids: z
      .array(z.string().regex(/^\d{1,19}$/))
      .min(1)
      .max(1000)
      .optional(),
    filter: z
      .object({ reason: z.string().max(5000).optional(), text: z.string().max(200).optional() })
      .optional(),
  })
  .meta({
    id: "FailedRecordSelection",
    description: "These ids, or every record the filter matches; an empty object: all of them.",
  });

export const failedRecordEditSchema = z
  .object({ payload: z.record(z.string(), z.unknown()) })
  .meta({ id: "FailedRecordEdit" });

export const requestEntrySchema = z
  .object({
    id: z.string(),
    runId: z.string(),
    attempt: z.number().int(),
    startedAt: timestamp,
    durationMs: z.number().int(),
    recordCount: z.number().int(),
    method: z.string(),
    url: z.string(),
    status: z.number().int().nullable(),
    outcome: z.string(),
    errorClass: z.string().nullable(),
    errorMessage: z.string().nullable(),
    resentAfterStop: z.boolean(),
  })
  .meta({ id: "LoggedRequest" });

export const requestPageSchema = page(requestEntrySchema, "LoggedRequestPage");

export const requestDetailSchema = requestEntrySchema
  .extend({
    version: z.number().int(),
    requestHeaders: z.record(z.string(), z.string()),
    requestBody: z.string().nullable(),
    responseHeaders: z.record(z.string(), z.string()).nullable(),
    responseBody: z.string().nullable(),
    records: z.string().nullable(),
  })
  .meta({ id: "LoggedRequestDetail", description: "As sent, secrets masked, and as answered." });

export const requestQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "Pass the nextCursor of the previous page.")
    .optional(),
  status: z.enum(["2xx", "3xx", "4xx", "5xx", "network"]).optional(),
  q: z.string().trim().max(200).optional().meta({ description: "URL or error message contains this." }),
});

export const inspectorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string().meta({ description: "Where to send requests to capture them: no token needed." }),
    createdAt: timestamp,
    requestCount: z.number().int(),
    lastRequestAt: timestamp.nullable(),
  })
  .meta({ id: "Inspector" });

export const inspectorPageSchema = page(inspectorSchema, "InspectorPage");

export const capturedRequestSchema = z
  .object({
    id: z.string(),
    method: z.string(),
    path: z.string(),
    query: z.string(),
    headers: z.array(z.object({ name: z.string(), value: z.string() })),
    body: z.string(),
    bodyEncoding: z.string(),
    bodyBytes: z.number().int(),
    truncated: z.boolean(),
    receivedAt: timestamp,
  })
  .meta({ id: "CapturedRequest" });

export const capturedRequestPageSchema = page(capturedRequestSchema, "CapturedRequestPage");

export const capturedRequestQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "Pass the nextCursor of the previous page.")
    .optional(),
});

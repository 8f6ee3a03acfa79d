import { UserError } from "@/lib/actions/user-error";
import { effectOf } from "@/lib/connectors/templates/effect-of";
import { templateForConfig } from "@/lib/connectors/templates/find-template";
import { type CurlCommand, curlCommand } from "@/lib/credentials/curl-command";
import { maskOutbound } from "@/lib/credentials/mask-outbound";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { recordNumber, recordNumbers } from "@/lib/datasets/record-numbers";
import { db } from "@/lib/db/client";
import { stringifyJson } from "@/lib/json/exact-json";
import { buildRequests } from "@/lib/payload/build-requests";
import { type Forecast, forecast, sampleByEndpoint } from "@/lib/payload/forecast";
import { readPath } from "@/lib/payload/record-path";
import type {
  BuildResult,
  BuiltRequest,
  FieldErrors,
  RecordProblem,
  SkippedRecord,
} from "@/lib/payload/types";
import { validateEndpointConfig } from "@/lib/payload/validate-endpoint-config";
import { buildContextFor } from "./build-context";
import type { DestinationConfig } from "./destination-config";
import { endpointScopeErrors } from "./endpoint-scope";
import { manualEnvelopeErrors } from "./manual-envelope";
import { toOutbound } from "./outbound-request";
import { type Preflight, summarisePreflight } from "./preflight";
import { resolveTarget, type Target } from "./resolve-target";
import { newestRecords } from "./sample-records";

export type PreviewRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  recordIds: string[];
  /** The records carried, by their numbers in the dataset: "#1,069–#1,168". */
  records: string;
  /** Each record's number ("#12"), in recordIds' order. */
  recordNumbers: string[];
  /** The value a batch grouped by a field shares: "team = \"red\"". */
  group: string | null;
  /** The request as a curl command, secrets as shell variables. */
  curl: CurlCommand;
  /** Per record carried: which source produced each target field. */
  lineage: Record<string, string>[];
};

/** A request as sent or to be sent, without what only the preview says about its records. */
export type ShownRequest = Omit<PreviewRequest, "lineage" | "records" | "recordNumbers" | "group">;

export type Preview = {
  requests: PreviewRequest[];
  /** `record` is the record's number in the dataset. */
  problems: (RecordProblem & { record: string })[];
  skipped: SkippedRecord[];
  fieldErrors: FieldErrors;
  forecast: Forecast | null;
  preflight: Preflight | null;
  /** Warnings about what the whole dataset would do (one delete repeated for every record). */
  warnings: string[];
  /** What is known of the account, e.g. "Contact properties of portal 2519445, read 12:03 UTC". */
  account: { label: string; readAt: string | null; count: number | null; error: string | null } | null;
  sampledRecords: number;
  elapsedMs: number;
};

/** Records pre-flight checks: the dataset's newest, or all of it when smaller. */
export const PREFLIGHT_RECORDS = 500;

/** The most requests the preview shows. */
export const MAX_PREVIEW_REQUESTS = 10;

/** Records sampled to build previews from: enough to fill a few batches, never the whole dataset. */
const MAX_SAMPLED_RECORDS = 1000;

/**
 * The exact requests the destination would send for its dataset's newest records: built by the
 * one request builder, authenticated as they will be, with secrets masked.
 */
export async function previewRequests(
  workspaceId: string,
  destinationId: string,
  config: DestinationConfig,
  count: number,
): Promise<Preview> {
  const started = performance.now();
  const sample = await buildSample(workspaceId, destinationId, config, PREFLIGHT_RECORDS);
  if (!sample.ok) {
    const { fieldErrors } = sample;
    return {
      requests: [],
      problems: [],
      skipped: [],
      fieldErrors,
      forecast: null,
      preflight: null,
      warnings: [],
      account: null,
      sampledRecords: 0,
      elapsedMs: elapsed(started),
    };
  }
  const { target, built, records, pool, recordCount, endpoint } = sample;
  const rateLimit = target.credential ? target.connector.rateLimit : null;
  // The preview's records are the newest of the pool; pre-flight checks the whole pool.
  const checkedRecords = pool.length > records.length ? pool : records;
  const checked =
    checkedRecords === records
      ? built
      : await buildRequests(endpoint, checkedRecords, buildContextFor(target, endpoint));
  const predicted = forecast(
    { total: recordCount, checked: checkedRecords.length, endpoints: sampleByEndpoint(checked.requests) },
    rateLimit,
  );
  const numberOf = new Map(checkedRecords.map((record) => [record.id, record.position]));
  const numbered = (id: string) => recordNumber(numberOf.get(id) ?? Number.NaN);
  const dataOf = new Map(records.map((record) => [record.id, record.data]));
  return {
    requests: built.requests.slice(0, count).map((request) => ({
      ...maskedRequest(destinationId, request, target),
      records: recordNumbers(request.recordIds.map((id) => numberOf.get(id) ?? Number.NaN)),
      recordNumbers: request.recordIds.map(numbered),
      group: groupLabel(endpoint, dataOf.get(request.recordIds[0] ?? "")),
      lineage: request.recordIds.map((id) => built.lineage[id] ?? {}),
    })),
    problems: built.problems.map((problem) => ({ ...problem, record: numbered(problem.recordId) })),
    skipped: built.skipped,
    fieldErrors: {},
    forecast: predicted,
    preflight: numberExamples(summarisePreflight(checked, checkedRecords.length, recordCount), numbered),
    warnings: repeatedDeleteWarnings(endpoint, checked, predicted),
    account: accountView(target),
    sampledRecords: records.length,
    elapsedMs: elapsed(started),
  };
}

/** Pre-flight's example records by their numbers in the dataset. */
function numberExamples(preflight: Preflight, numbered: (id: string) => string): Preflight {
  return {
    ...preflight,
    issues: preflight.issues.map((issue) => ({ ...issue, examples: issue.examples.map(numbered) })),
    dropped: preflight.dropped.map((drop) => ({ ...drop, examples: drop.examples.map(numbered) })),
  };
}

/** What the records of a batch grouped by a field share, as the preview labels the request. */
function groupLabel(endpoint: DestinationConfig["endpoint"], first: DataRecord | undefined): string | null {
  const { batching } = endpoint;
  if (!batching.enabled || batching.grouping !== "attribute" || !batching.groupBy || !first) return null;
  const value = readPath(first, batching.groupBy);
  return `${batching.groupBy} = ${value === undefined ? "(missing)" : stringifyJson(value)}`;
}

/** A delete whose every request is the same: a fixed setting or constant where a field was meant. */
function repeatedDeleteWarnings(
  endpoint: DestinationConfig["endpoint"],
  built: BuildResult,
  predicted: Forecast,
): string[] {
  const template = templateForConfig(endpoint);
  const settings = template?.paramsSchema.safeParse(endpoint.templateSettings ?? {});
  const effect = template && settings?.success ? effectOf(template, settings.data) : undefined;
  const [first, ...others] = built.requests;
  if (effect !== "deletes" || !first || others.length === 0) return [];
  if (!others.every((request) => request.url === first.url && request.body === first.body)) return [];
  const uid = new URL(first.url).searchParams.get("uid");
  const what = uid ? `delete user ${uid}` : `repeat one deletion (${first.method} ${first.url})`;
  return [
    `${predicted.requests.toLocaleString("en-US")} requests would all ${what}: map a field that differs per record, or clear the fixed setting.`,
  ];
}

function accountView(target: Target): Preview["account"] {
  const source = target.connector.accountFacts;
  if (!source || !target.credential) return null;
  const { facts, readAt, error } = target.account;
  const properties = facts.contactProperties;
  return {
    label: properties ? `${source.label} of portal ${properties.portal}` : source.label,
    readAt: readAt?.toISOString() ?? null,
    count: properties?.names.length ?? null,
    error: error ?? null,
  };
}

/** The dataset's newest records built into requests, as preview and Send Test Data both need. */
/**
 * `read`: records to read at least (pre-flight's), of which the sample is the newest; one query
 * serves both.
 */
export async function buildSample(
  workspaceId: string,
  destinationId: string,
  config: DestinationConfig,
  read = 0,
) {
  const destination = await db().destination.findFirst({
    where: { id: destinationId, workspaceId },
    select: { connectorId: true, datasetId: true, dataset: { select: { recordCount: true } } },
  });
  if (!destination) throw new UserError("This destination no longer exists.");
  const target = await resolveTarget(workspaceId, destination.connectorId, config);
  // The destination's connector decides the templates, whatever the browser sent.
  const endpoint = { ...config.endpoint, connectorId: destination.connectorId };
  const fieldErrors = validateEndpointConfig(endpoint, templateForConfig(endpoint));
  if (Object.keys(fieldErrors).length === 0)
    Object.assign(fieldErrors, endpointScopeErrors(endpoint, target), manualEnvelopeErrors(endpoint));
  if (Object.keys(fieldErrors).length > 0) return { ok: false as const, fieldErrors };
  const perRequest = endpoint.batching.enabled ? Math.max(1, endpoint.batching.size) : 1;
  // Always the same records, whatever the number of requests shown, so that "Request 2" in the
  // preview is the request Send Test Data sends.
  const size = Math.min(MAX_SAMPLED_RECORDS, perRequest * MAX_PREVIEW_REQUESTS);
  const pool = await newestRecords(destination.datasetId, Math.max(size, read));
  const records = pool.slice(-size);
  const built = await buildRequests(endpoint, records, buildContextFor(target, endpoint));
  return {
    ok: true as const,
    target,
    built,
    records,
    pool,
    endpoint,
    datasetId: destination.datasetId,
    recordCount: Number(destination.dataset.recordCount),
  };
}

/** The request as it will be sent, auth included, every secret shown as ••••abcd. */
export function maskedRequest(destinationId: string, request: BuiltRequest, target: Target): ShownRequest {
  const outbound = toOutbound(destinationId, request);
  return {
    ...maskOutbound(outbound, target.credential),
    body: request.body,
    recordIds: request.recordIds,
    curl: curlCommand(outbound, target.credential),
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

import { UserError } from "@/lib/actions/user-error";
import { effectOf } from "@/lib/connectors/templates/effect-of";
import { templateForConfig } from "@/lib/connectors/templates/find-template";
import { type CurlCommand, curlCommand } from "@/lib/credentials/curl-command";
import { maskOutbound } from "@/lib/credentials/mask-outbound";
import { db } from "@/lib/db/client";
import { buildRequests } from "@/lib/payload/build-requests";
import { type Forecast, forecast, sampleByEndpoint } from "@/lib/payload/forecast";
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
  /** The request as a curl command, secrets as shell variables. */
  curl: CurlCommand;
  /** Per record carried: which source produced each target field. */
  lineage: Record<string, string>[];
};

export type Preview = {
  requests: PreviewRequest[];
  problems: RecordProblem[];
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
  return {
    requests: built.requests.slice(0, count).map((request) => ({
      ...maskedRequest(destinationId, request, target),
      lineage: request.recordIds.map((id) => built.lineage[id] ?? {}),
    })),
    problems: built.problems,
    skipped: built.skipped,
    fieldErrors: {},
    forecast: predicted,
    preflight: summarisePreflight(checked, checkedRecords.length, recordCount),
    warnings: repeatedDeleteWarnings(endpoint, checked, predicted),
    account: accountView(target),
    sampledRecords: records.length,
    elapsedMs: elapsed(started),
  };
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
    Object.assign(fieldErrors, endpointScopeErrors(endpoint, target));
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
export function maskedRequest(
  destinationId: string,
  request: BuiltRequest,
  target: Target,
): Omit<PreviewRequest, "lineage"> {
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

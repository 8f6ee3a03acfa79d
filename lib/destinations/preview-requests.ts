import { UserError } from "@/lib/actions/user-error";
import { db } from "@/lib/db/client";
import { redactHeaders, redactUrl } from "@/lib/http/redact";
import type { OutboundRequest } from "@/lib/http/types";
import { buildRequests } from "@/lib/payload/build-requests";
import { type Forecast, forecast } from "@/lib/payload/forecast";
import type { BuiltRequest, FieldErrors, RecordProblem, SkippedRecord } from "@/lib/payload/types";
import { validateEndpointConfig } from "@/lib/payload/validate-endpoint-config";
import type { DestinationConfig } from "./destination-config";
import { toOutbound } from "./outbound-request";
import { resolveTarget, type Target } from "./resolve-target";
import { newestRecords } from "./sample-records";

export type PreviewRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  recordIds: string[];
};

export type Preview = {
  requests: PreviewRequest[];
  problems: RecordProblem[];
  skipped: SkippedRecord[];
  fieldErrors: FieldErrors;
  forecast: Forecast | null;
  sampledRecords: number;
  elapsedMs: number;
};

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
  const sample = await buildSample(workspaceId, destinationId, config);
  if (!sample.ok) {
    const { fieldErrors } = sample;
    return {
      requests: [],
      problems: [],
      skipped: [],
      fieldErrors,
      forecast: null,
      sampledRecords: 0,
      elapsedMs: elapsed(started),
    };
  }
  const { target, built, records, recordCount } = sample;
  const rateLimit = target.credential ? target.connector.rateLimit : null;
  return {
    requests: built.requests.slice(0, count).map((request) => maskedRequest(destinationId, request, target)),
    problems: built.problems,
    skipped: built.skipped,
    fieldErrors: {},
    forecast: forecast(recordCount, config.endpoint, rateLimit),
    sampledRecords: records.length,
    elapsedMs: elapsed(started),
  };
}

/** The dataset's newest records built into requests, as preview and Send Test Data both need. */
export async function buildSample(workspaceId: string, destinationId: string, config: DestinationConfig) {
  const destination = await db().destination.findFirst({
    where: { id: destinationId, workspaceId },
    select: { connectorId: true, datasetId: true, dataset: { select: { recordCount: true } } },
  });
  if (!destination) throw new UserError("This destination no longer exists.");
  const target = await resolveTarget(workspaceId, destination.connectorId, config);
  // The destination's connector decides the templates, whatever the browser sent.
  const endpoint = { ...config.endpoint, connectorId: destination.connectorId };
  const fieldErrors = validateEndpointConfig(endpoint);
  if (Object.keys(fieldErrors).length > 0) return { ok: false as const, fieldErrors };
  const perRequest = endpoint.batching.enabled ? Math.max(1, endpoint.batching.size) : 1;
  // Always the same records, whatever the number of requests shown, so that "Request 2" in the
  // preview is the request Send Test Data sends.
  const records = await newestRecords(
    destination.datasetId,
    Math.min(MAX_SAMPLED_RECORDS, perRequest * MAX_PREVIEW_REQUESTS),
  );
  const built = buildRequests(endpoint, records, { baseUrl: target.baseUrl });
  return { ok: true as const, target, built, records, recordCount: Number(destination.dataset.recordCount) };
}

/** The request as it will be sent, auth included, every secret shown as ••••abcd. */
export function maskedRequest(destinationId: string, request: BuiltRequest, target: Target): PreviewRequest {
  return {
    ...maskOutbound(toOutbound(destinationId, request), target),
    body: request.body,
    recordIds: request.recordIds,
  };
}

/**
 * An outgoing request's method, URL and headers with the credential's auth applied and masked, as
 * the preview and the request log show them.
 */
export function maskOutbound(
  outbound: OutboundRequest,
  target: Target,
): { method: string; url: string; headers: Record<string, string> } {
  if (!target.credential) {
    return { method: outbound.method, url: outbound.url, headers: outbound.headers ?? {} };
  }
  const { connector, resolved, secretValues } = target.credential;
  // The token comes from the exchange at send time; this shows where it goes, masked.
  const usesToken = Boolean(connector.oauth?.tokenRequest(resolved, ""));
  const authed = connector.applyAuth(outbound, resolved, usesToken ? "access-token" : undefined);
  return {
    method: authed.method,
    url: redactUrl(authed.url, secretValues),
    headers: redactHeaders(authed.headers ?? {}, secretValues),
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

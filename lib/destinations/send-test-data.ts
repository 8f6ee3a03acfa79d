import { UserError } from "@/lib/actions/user-error";
import { curlCommand } from "@/lib/credentials/curl-command";
import { explainFailure } from "@/lib/credentials/explain-failure";
import { sendToTarget } from "@/lib/credentials/send-to-target";
import { recordNumber } from "@/lib/datasets/record-numbers";
import { redactHeaders, redactText } from "@/lib/http/redact";
import { findBin } from "@/lib/inspector/find-bin";
import { inspectorUrl } from "@/lib/inspector/inspector-url";
import { createWhatIsMissing } from "./create-missing";
import type { DestinationConfig } from "./destination-config";
import { followTestJob } from "./follow-test-job";
import { testSendKey, toOutbound } from "./outbound-request";
import { buildSample, maskedRequest, type ShownRequest } from "./preview-requests";

export type TestSendInput = {
  config: DestinationConfig;
  /** Which of the previewed requests to send. */
  requestIndex: number;
  /** The body as the user edited it; null keeps the built body. */
  body: string | null;
  /** Send to this Request Inspector instead of the API (no credentials are sent there). */
  inspectorBinId: string | null;
};

export type EndpointTestResult = {
  ok: boolean;
  summary: string;
  hint?: string;
  apiMessage?: string;
  sent: ShownRequest;
  status?: number;
  durationMs: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
  responseTruncated: boolean;
  /**
   * A 2xx that refused some of the batch (HubSpot's 207): how many records the API took, and each
   * refused one with the API's reason. Absent when it took everything.
   */
  partial?: { accepted: number; refused: { record: string; message: string }[] };
  /** A batch import the API runs later (FullStory): the job as last checked. */
  job?: { id: string; state: string; checks: number };
};

/** Send Test Data: one previewed request, optionally edited, sent for real. */
export async function sendTestData(
  workspaceId: string,
  destinationId: string,
  input: TestSendInput,
): Promise<EndpointTestResult> {
  const sample = await buildSample(workspaceId, destinationId, input.config);
  if (!sample.ok) throw UserError.forFields(sample.fieldErrors);
  const request = sample.built.requests[input.requestIndex];
  if (!request)
    throw new UserError(
      "There is no sample request to send: the dataset has no records this endpoint can send.",
    );
  const body = input.body ?? request.body;
  const contentType = request.headers["content-type"] ?? "";
  if (body !== null && contentType.includes("json") && !contentType.includes("ndjson")) {
    try {
      JSON.parse(body);
    } catch (error) {
      throw new UserError(`The body is not valid JSON: ${(error as Error).message}`, "body");
    }
  }
  const edited = { ...request, body };
  const key = testSendKey();
  const shown = maskedRequest(destinationId, edited, sample.target);
  shown.headers["idempotency-key"] = key;
  const outbound = toOutbound(destinationId, edited);
  outbound.headers = { ...outbound.headers, "idempotency-key": key };

  let sendTo = outbound;
  if (input.inspectorBinId) {
    const bin = await findBin(workspaceId, input.inspectorBinId);
    if (!bin) throw new UserError("Choose an inspector to send to.", "inspectorBinId");
    sendTo = { ...outbound, url: `${inspectorUrl(bin.id)}${pathBeyondInspector(request.url)}` };
    shown.url = sendTo.url;
    shown.headers = redactHeaders(outbound.headers ?? {}, []);
  } else {
    await createWhatIsMissing(sample.target, edited);
  }
  // The inspector is not the credential's API: what goes there carries no auth.
  const credential = input.inspectorBinId ? null : sample.target.credential;
  shown.curl = curlCommand(sendTo, credential);
  const { result, secrets } = await sendToTarget(credential, sendTo, { followRedirects: false });

  if (!result.ok) {
    const explained = explainFailure(sample.target.connector, result, secrets);
    return {
      ok: false,
      ...explained,
      sent: shown,
      durationMs: result.durationMs,
      responseHeaders: {},
      responseBody: "",
      responseTruncated: false,
    };
  }
  const success = result.status >= 200 && result.status < 300;
  const explained = success
    ? { summary: `${result.status} ${result.statusText}` }
    : explainFailure(sample.target.connector, result, secrets);
  const job =
    success && !input.inspectorBinId
      ? await followTestJob(sample.target.connector, credential, edited, result, edited.recordIds)
      : null;
  const refused =
    success && !input.inspectorBinId && sample.target.connector.partialFailures
      ? sample.target.connector.partialFailures(edited, result, edited.recordIds)
      : (job?.failures ?? []);
  const numberOf = new Map(sample.records.map((record) => [record.id, record.position]));
  return {
    ok: success,
    ...explained,
    ...(refused.length > 0
      ? {
          partial: {
            accepted: edited.recordIds.length - new Set(refused.map((failure) => failure.recordId)).size,
            refused: refused.map((failure) => ({
              record: numberOf.has(failure.recordId)
                ? recordNumber(numberOf.get(failure.recordId) ?? 0)
                : "?",
              message: redactText(failure.message, secrets),
            })),
          },
        }
      : {}),
    ...(job ? { job: { id: job.id, state: redactText(job.state, secrets), checks: job.checks } } : {}),
    sent: shown,
    status: result.status,
    durationMs: result.durationMs,
    responseHeaders: redactHeaders(result.headers, secrets),
    responseBody: redactText(result.body, secrets),
    responseTruncated: result.bodyTruncated,
  };
}

/**
 * The request's path and query, as the inspector should show them. A URL that already points at
 * an inspector keeps only what follows its id, so the path is not doubled.
 */
function pathBeyondInspector(requestUrl: string): string {
  const url = new URL(requestUrl);
  const inInspector = url.pathname.match(/^\/api\/inspect\/[^/]+(.*)$/);
  return `${inInspector ? inInspector[1] : url.pathname}${url.search}`;
}

import type { Connector } from "@/lib/connectors/types";
import { redactText } from "@/lib/http/redact";
import { formatClockTime, retryAfterDate } from "@/lib/http/retry-after";
import type { OutboundErrorKind, OutboundResult } from "@/lib/http/types";

export type FailureExplanation = { summary: string; hint?: string; apiMessage?: string };

const NETWORK_HINTS: Record<OutboundErrorKind, string> = {
  dns: "Check the API base URL for typos.",
  connect: "Check the API base URL and that the API can be reached from the Outflow server.",
  tls: "The server's certificate is not trusted: check the URL, or the proxy in between.",
  timeout: "The API may be overloaded or unreachable; try again later.",
  "refused-by-policy":
    "Outflow does not call private or internal addresses. If this API really is on your network, add its host to OUTFLOW_ALLOWED_HOSTS.",
  "invalid-request": "Check the URL and headers.",
  network: "Try again; if it keeps failing, check the network between Outflow and the API.",
};

/** Says in words why a request did not succeed, with the API's own message and what to do. */
export function explainFailure(
  connector: Connector,
  result: OutboundResult,
  secrets: string[],
): FailureExplanation {
  if (!result.ok) return { summary: result.error.message, hint: NETWORK_HINTS[result.error.kind] };

  const apiMessage = readApiMessage(result.body, secrets);
  const status = result.status;
  if (/invalid_client/.test(result.body)) {
    return {
      summary: `The ${connector.secretLabel} were rejected (invalid_client).`,
      hint: "Check both values for extra spaces, and that the key has not expired or been deleted.",
      apiMessage,
    };
  }
  if (status === 401) {
    return { summary: `The credential was rejected: check the ${connector.secretLabel}.`, apiMessage };
  }
  if (status === 403) {
    return {
      summary: "Access denied (403).",
      hint:
        connector.forbiddenHint ??
        "The credential works but lacks permission for this call: check its scopes or plan.",
      apiMessage,
    };
  }
  if (status === 404)
    return { summary: "Not found (404).", hint: "Check the API base URL and the IDs entered.", apiMessage };
  if (status === 429) {
    const retryAt = retryAfterDate(result.headers["retry-after"]);
    return {
      summary: retryAt
        ? `Rate limited; try again at ${formatClockTime(retryAt)}.`
        : "Rate limited; try again in a minute.",
      apiMessage,
    };
  }
  if (status >= 500) {
    return {
      summary: `The API had a server error (${status}).`,
      hint: "This is on the API's side; try again later.",
      apiMessage,
    };
  }
  return {
    summary: `The API answered ${status}${result.statusText ? ` ${result.statusText}` : ""}.`,
    apiMessage,
  };
}

/** The message field of the error bodies these APIs use (OAuth, FullStory, HubSpot, Hightouch). */
function readApiMessage(body: string, secrets: string[]): string | undefined {
  let message: string | undefined;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const candidate = parsed.error_description ?? parsed.message ?? parsed.error;
    if (typeof candidate === "string") message = candidate;
  } catch {
    message = body.trim() || undefined;
  }
  return message ? redactText(message, secrets).slice(0, 500) : undefined;
}

import { redactHeaders, redactUrl } from "@/lib/http/redact";
import type { OutboundRequest } from "@/lib/http/types";
import type { CredentialInUse } from "./resolve-credential";

/**
 * An outgoing request's method, URL and headers with the credential's auth applied and masked, as
 * the preview, Send Test Data and the request log show them. Null: no credential, nothing to mask.
 */
export function maskOutbound(
  outbound: OutboundRequest,
  credential: CredentialInUse | null,
): { method: string; url: string; headers: Record<string, string> } {
  if (!credential) {
    return { method: outbound.method, url: outbound.url, headers: outbound.headers ?? {} };
  }
  const { connector, resolved, secretValues } = credential;
  // The token comes from the exchange at send time; this shows where it goes, masked.
  const usesToken = Boolean(connector.oauth?.tokenRequest(resolved, ""));
  const authed = connector.applyAuth(outbound, resolved, usesToken ? "access-token" : undefined);
  return {
    method: authed.method,
    url: redactUrl(authed.url, secretValues),
    headers: redactHeaders(authed.headers ?? {}, secretValues),
  };
}

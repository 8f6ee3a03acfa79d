import { redactHeaders, redactUrl } from "@/lib/http/redact";
import type { OutboundRequest } from "@/lib/http/types";
import type { CredentialInUse } from "./resolve-credential";

type Shown = { method: string; url: string; headers: Record<string, string> };

/**
 * An outgoing request's method, URL and headers with the credential's auth applied and masked, as
 * the preview, Send Test Data and the request log show them. Null: no credential, nothing to mask.
 */
export function maskOutbound(outbound: OutboundRequest, credential: CredentialInUse | null): Shown {
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

/** Distinct request lines kept per credential; URLs built from record fields could be endless. */
const SHOWN_PER_CREDENTIAL = 64;
const shownByCredential = new WeakMap<CredentialInUse, Map<string, Shown>>();

/**
 * maskOutbound for a run's requests, which differ from one another only in the header `varying`
 * (the Idempotency-Key) as long as neither the version nor the credential changes: auth is applied
 * and the rest masked once per credential and request line, and only that one header per request.
 * A new key or setting is a new CredentialInUse, so it never finds another's masking.
 */
export function maskOutboundOnce(
  outbound: OutboundRequest,
  credential: CredentialInUse | null,
  varying: string,
): Shown {
  const headers = outbound.headers ?? {};
  const value = headers[varying];
  if (!credential || value === undefined) return maskOutbound(outbound, credential);
  let key = `${outbound.method}\n${outbound.url}`;
  for (const name in headers) if (name !== varying) key += `\n${name}\n${headers[name]}`;
  let shown = shownByCredential.get(credential);
  if (!shown) {
    shown = new Map();
    shownByCredential.set(credential, shown);
  }
  let line = shown.get(key);
  if (!line) {
    const { [varying]: _varying, ...rest } = headers;
    line = maskOutbound({ ...outbound, headers: rest }, credential);
    if (shown.size >= SHOWN_PER_CREDENTIAL) shown.clear();
    shown.set(key, line);
  }
  // Auth that sets that very header itself decides what is shown there.
  if (line.headers[varying] !== undefined) return maskOutbound(outbound, credential);
  return {
    method: line.method,
    url: line.url,
    headers: { ...line.headers, ...redactHeaders({ [varying]: value }, credential.secretValues) },
  };
}

import type { OutboundRequest } from "@/lib/http/types";

export function joinUrl(base: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

export function withHeaders(request: OutboundRequest, headers: Record<string, string>): OutboundRequest {
  return { ...request, headers: { ...request.headers, ...headers } };
}

export function withQuery(request: OutboundRequest, params: Record<string, string>): OutboundRequest {
  const url = new URL(request.url);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return { ...request, url: url.toString() };
}

/** An OAuth2 client-credentials token request: form-encoded, as RFC 6749 §4.4 requires. */
export function clientCredentialsRequest(
  tokenUrl: string,
  fields: { clientId: string; clientSecret: string; scope?: string },
): OutboundRequest {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: fields.clientId,
    client_secret: fields.clientSecret,
  });
  if (fields.scope) form.set("scope", fields.scope);
  return {
    method: "POST",
    url: tokenUrl,
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
  };
}

export function bearer(request: OutboundRequest, token: string | undefined): OutboundRequest {
  return token ? withHeaders(request, { authorization: `Bearer ${token}` }) : request;
}

/** An API's JSON answer, or undefined when it is not JSON (an error page, an empty body). */
export function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/**
 * A credential's API base URL in the shape its connector expects. Some APIs put every path under
 * a fixed prefix (Hightouch: https://api.hightouch.com/api/v1); typed as the host alone, every
 * request would miss it and get a bare 404, so the prefix is added.
 */
import type { Connector } from "./types";

export function completeBaseUrl(connector: Pick<Connector, "basePath">, baseUrl: string): string {
  if (!connector.basePath) return baseUrl;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return baseUrl; // not a URL: the field's own check says so
  }
  if (url.pathname !== "/" || url.search || url.hash) return baseUrl;
  return `${url.origin}${connector.basePath}`;
}

/** How the connector's base URL is shaped, for the form: the host, and the prefix if any. */
export function baseUrlShape(connector: { defaultBaseUrl: string; basePath?: string | null }): string {
  if (!connector.defaultBaseUrl) return "";
  const host = new URL(connector.defaultBaseUrl).origin;
  return connector.basePath
    ? `Its shape is ${host}${connector.basePath}; a host alone is completed with ${connector.basePath}.`
    : `Its shape is the host alone, such as ${host}.`;
}

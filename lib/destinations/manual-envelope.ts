/**
 * A manual URL that is one of the connector's batch endpoints (FullStory's …/v2/users/batch,
 * HubSpot's …/batch/create) sent with batching on but no envelope key would send a bare array
 * the API refuses. Said on the Envelope key field, with the key the endpoint takes.
 */
import { findConnector } from "@/lib/connectors/registry";
import type { EndpointConfig, FieldErrors } from "@/lib/payload/types";

export function manualEnvelopeErrors(endpoint: EndpointConfig): FieldErrors {
  const { batching } = endpoint;
  if (
    endpoint.mode !== "manual" ||
    !batching.enabled ||
    batching.envelopeKey ||
    endpoint.contentFormat !== "json"
  )
    return {};
  let path: string;
  try {
    path = new URL(endpoint.url).pathname.replace(/\/+$/, "");
  } catch {
    return {};
  }
  const template = findConnector(endpoint.connectorId)?.templates?.find(
    (candidate) =>
      candidate.batching.envelopeKey &&
      candidate.method === endpoint.method &&
      !candidate.path.includes("{") &&
      path.endsWith(candidate.path.replace(/\/+$/, "")),
  );
  if (!template?.batching.envelopeKey) return {};
  const key = template.batching.envelopeKey;
  return {
    "batching.envelopeKey": `This URL is ${template.name}, which takes its records as {"${key}": […]}: enter ${key}, or choose the ${template.name} endpoint.`,
  };
}

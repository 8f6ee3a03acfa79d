import { findConnector } from "../registry";
import type { EndpointTemplate } from "./types";

export function findTemplate(
  connectorId: string,
  templateId: string | undefined,
): EndpointTemplate | undefined {
  if (!templateId) return undefined;
  return findConnector(connectorId)?.templates?.find((template) => template.id === templateId);
}

/** The template an endpoint config names, in template mode. */
export function templateForConfig(config: {
  mode: string;
  connectorId: string;
  templateId?: string;
}): EndpointTemplate | undefined {
  return config.mode === "template" ? findTemplate(config.connectorId, config.templateId) : undefined;
}

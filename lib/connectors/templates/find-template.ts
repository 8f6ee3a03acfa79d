import { findConnector } from "../registry";
import type { EndpointTemplate } from "./types";

export function findTemplate(
  connectorId: string,
  templateId: string | undefined,
): EndpointTemplate | undefined {
  if (!templateId) return undefined;
  return findConnector(connectorId)?.templates?.find((template) => template.id === templateId);
}

/** Test helper: a complete manual endpoint config with the given changes. */
import type { DataRecord } from "@/lib/datasets/parse/types";
import type { EndpointConfig, SourceRecord } from "./types";

export function manualConfig(changes: Partial<EndpointConfig> = {}): EndpointConfig {
  return {
    mode: "manual",
    connectorId: "http",
    method: "POST",
    url: "https://api.example.com/items",
    headers: [],
    contentFormat: "json",
    excludeAttributes: [],
    bodyTemplate: null,
    batching: { enabled: false, size: 100, grouping: "fixed" },
    ...changes,
  };
}

export function templateConfig(
  connectorId: string,
  templateId: string,
  templateSettings: Record<string, unknown> = {},
  changes: Partial<EndpointConfig> = {},
): EndpointConfig {
  return manualConfig({ mode: "template", connectorId, templateId, templateSettings, ...changes });
}

/** Records with ids r1, r2, … */
export function sourceRecords(...data: DataRecord[]): SourceRecord[] {
  return data.map((record, index) => ({ id: `r${index + 1}`, data: record }));
}

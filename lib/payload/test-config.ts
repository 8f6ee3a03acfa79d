/** Test helper: a complete manual endpoint config with the given changes. */
import type { DataRecord } from "@/lib/datasets/parse/types";
import type { BatchingConfig, EndpointConfig, SourceRecord } from "./types";

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

export const testContext = { baseUrl: "https://api.example.com" };

/** Batching turned on, 100 per request, with the given changes. */
export function batching(changes: Partial<BatchingConfig>): BatchingConfig {
  return { enabled: true, size: 100, grouping: "fixed", ...changes };
}

/** Three people, two of them on the red team, one with a null plan. */
export const people = sourceRecords(
  { id: 1, name: "Ann", team: "red", user: { email: "ann@x.io", plan: "pro" } },
  { id: 2, name: "Bob", team: "blue", user: { email: "bob@x.io", plan: null } },
  { id: 3, name: "Cy", team: "red", user: { email: "cy@x.io", plan: "free" } },
);

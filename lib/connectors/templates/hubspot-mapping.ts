/**
 * How HubSpot records are read, the way Jitsu classic's HubSpot destination reads them
 * (jitsucom/jitsu, server/adapters/hubspot.go).
 */
import type { DataRecord } from "@/lib/datasets/parse/types";

export const IDENTIFY = "user_identify";

/** [JITSU-CLASSIC]: strings.ToLower(regexp("[^a-zA-Z0-9]+").ReplaceAllString(name, "_")). */
export function normalizeName(name: string): string {
  return name.replace(/[^a-zA-Z0-9]+/g, "_").toLowerCase();
}

export function eventTypeOf(record: DataRecord): string | undefined {
  return typeof record.event_type === "string" ? record.event_type : undefined;
}

/** A comma-separated list setting: trimmed, empty items dropped. */
export function listSetting(value: unknown): string[] {
  return typeof value === "string"
    ? value
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "")
    : [];
}

/** The event-type filter shared by the HubSpot templates; null when the record passes. */
export function filterReason(record: DataRecord, include: string[], exclude: string[]): string | null {
  const type = eventTypeOf(record) ?? "";
  if (include.length > 0 && !include.includes(type)) {
    return `event_type "${type}" is not among the event types to include (${include.join(", ")}).`;
  }
  if (exclude.includes(type)) return `event_type "${type}" is among the event types to exclude.`;
  return null;
}

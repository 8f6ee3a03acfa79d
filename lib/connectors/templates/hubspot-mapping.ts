/**
 * How HubSpot records are read, the way Jitsu classic's HubSpot destination reads them
 * (jitsucom/jitsu, server/adapters/hubspot.go).
 */
import type { DataRecord } from "@/lib/datasets/parse/types";
import { isPlainObject, readPointer } from "./template-helpers";

export const IDENTIFY = "user_identify";

/** [JITSU-CLASSIC]: strings.ToLower(regexp("[^a-zA-Z0-9]+").ReplaceAllString(name, "_")). */
export function normalizeName(name: string): string {
  return name.replace(/[^a-zA-Z0-9]+/g, "_").toLowerCase();
}

export function eventTypeOf(record: DataRecord): string | undefined {
  return typeof record.event_type === "string" ? record.event_type : undefined;
}

/** User properties live at /user, or /eventn_ctx/user in older JS SDKs. */
export function userNode(record: DataRecord): Record<string, unknown> | undefined {
  for (const pointer of ["/user", "/eventn_ctx/user"]) {
    const node = readPointer(record, pointer);
    if (isPlainObject(node)) return node;
  }
  return undefined;
}

export function emailOf(record: DataRecord): string | undefined {
  const email = userNode(record)?.email;
  return typeof email === "string" && email.trim() !== "" ? email.trim() : undefined;
}

/**
 * Contact properties: names normalised, values as text (the v3 API's properties are a string map),
 * nested values as JSON; values whose text is "" are skipped, as Jitsu skips them.
 */
export function contactProperties(user: Record<string, unknown>): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries(user)) {
    if (value === null || value === undefined) continue;
    const text =
      typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
    if (text === "") continue;
    properties[normalizeName(name)] = text;
  }
  return properties;
}

/** Revenue from /revenue or /conversion/revenue, as a number. */
export function revenueOf(record: DataRecord): number | undefined {
  for (const pointer of ["/revenue", "/conversion/revenue"]) {
    const value = readPointer(record, pointer);
    const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof number === "number" && Number.isFinite(number)) return number;
  }
  return undefined;
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

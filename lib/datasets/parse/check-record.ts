/**
 * Record-shaped values: the object check every format shares, and a safe way to set a field.
 */
import { notAnObjectError, type RecordPlace } from "./record-errors";
import type { DataRecord } from "./types";

export function isRecord(value: unknown): value is DataRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function requireRecord(value: unknown, place: RecordPlace, advice: string): DataRecord {
  if (!isRecord(value)) throw notAnObjectError(value, place, advice);
  return value;
}

/** Sets a field even when its name is `__proto__`, which plain assignment would treat as the prototype. */
export function setField(target: DataRecord, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

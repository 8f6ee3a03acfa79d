import type { InspectorRequestJson } from "@/lib/inspector/request-json";

/** `2026-03-12 10:04:05 UTC`: seconds matter when comparing requests, and UTC reads the same everywhere. */
export function formatReceivedAt(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${Number((bytes / 1024 / 1024).toFixed(2))} MiB`;
}

/** The body as shown: JSON pretty-printed when it parses, anything else as received. */
export function displayBody(request: InspectorRequestJson): string {
  if (request.bodyEncoding !== "utf8") return request.body;
  const trimmed = request.body.trim();
  if (!/^[[{"]/.test(trimmed)) return request.body;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return request.body;
  }
}

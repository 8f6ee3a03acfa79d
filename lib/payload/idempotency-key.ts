import { createHash } from "node:crypto";

/**
 * The same batch gets the same key on every retry, so a receiver that honours Idempotency-Key
 * (FullStory documents it on create, batch and event calls: connector-apis.md §3.0) drops the
 * repeat. Identity: method, URL template (before record values), format and the records carried.
 * The caller mixes in the destination id and config version (hashing this key with them).
 */
export function idempotencyKey(parts: {
  method: string;
  urlTemplate: string;
  contentFormat: string;
  recordIds: string[];
}): string {
  const identity = JSON.stringify([parts.method, parts.urlTemplate, parts.contentFormat, parts.recordIds]);
  return createHash("sha256").update(identity).digest("hex").slice(0, 32);
}

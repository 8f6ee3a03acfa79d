import { createHash } from "node:crypto";

/**
 * The Idempotency-Key sent with a request: the builder's key for the batch, made unique to the
 * destination, so two destinations sending the same records never share a key.
 */
export function idempotencyKeyFor(destinationId: string, batchKey: string): string {
  return createHash("sha256").update(`${destinationId}:${batchKey}`).digest("hex").slice(0, 32);
}

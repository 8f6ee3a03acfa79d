import { createHash } from "node:crypto";
import type { OutboundRequest } from "@/lib/http/types";
import type { BuiltRequest } from "@/lib/payload/types";

/**
 * A built request as it goes out, before auth: with its Idempotency-Key, the builder's key for the
 * batch made unique to the destination, so two destinations sending the same records never share
 * a key. The preview and Send Test Data both start from here.
 */
export function toOutbound(destinationId: string, request: BuiltRequest): OutboundRequest {
  const key = createHash("sha256")
    .update(`${destinationId}:${request.idempotencyKey}`)
    .digest("hex")
    .slice(0, 32);
  return {
    method: request.method,
    url: request.url,
    headers: { ...request.headers, "idempotency-key": key },
    body: request.body ?? undefined,
  };
}

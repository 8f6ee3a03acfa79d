import { createHash, randomUUID } from "node:crypto";
import type { OutboundRequest } from "@/lib/http/types";
import type { BuiltRequest } from "@/lib/payload/types";

/**
 * A built request as it goes out, before auth, with its Idempotency-Key: the builder's key for the
 * batch, made unique to the destination (two destinations sending the same records never share a
 * key) and to the body (a record edited before a retry, or a changed configuration, makes a
 * different request, which must not be taken for a repeat of the first). A resend of the same
 * batch, after a failure or a crash, keeps the key. The preview and delivery both start from here.
 */
export function toOutbound(destinationId: string, request: BuiltRequest): OutboundRequest {
  return {
    method: request.method,
    url: request.url,
    headers: { ...request.headers, "idempotency-key": deliveryKey(destinationId, request) },
    body: request.body ?? undefined,
  };
}

/** The Idempotency-Key `toOutbound` gives a built request. */
export function deliveryKey(destinationId: string, request: BuiltRequest): string {
  const body = createHash("sha256")
    .update(request.body ?? "")
    .digest("hex");
  return createHash("sha256")
    .update(`${destinationId}:${request.idempotencyKey}:${body}`)
    .digest("hex")
    .slice(0, 32);
}

/**
 * A key for one Send Test Data click: never the delivery's key for the same records, or an API
 * that honours it would drop the real delivery as a repeat of the test; and new on each click, so a
 * second test is sent rather than answered from the API's memory of the first.
 */
export function testSendKey(): string {
  return randomUUID().replaceAll("-", "");
}

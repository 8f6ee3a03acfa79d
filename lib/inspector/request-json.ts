import type { InspectorRequest } from "@/lib/db/generated/client";
import type { BodyEncoding } from "./decode-body";
import { type HeaderPair, parseStoredHeaders } from "./stored-headers";

/** A recorded request as the browser receives it: ids as strings (JSON has no bigint), dates as ISO. */
export type InspectorRequestJson = {
  id: string;
  method: string;
  path: string;
  query: string;
  headers: HeaderPair[];
  body: string;
  bodyEncoding: BodyEncoding;
  bodyBytes: number;
  truncated: boolean;
  receivedAt: string;
};

export function toRequestJson(request: InspectorRequest): InspectorRequestJson {
  const { list, bodyEncoding } = parseStoredHeaders(request.headers);
  return {
    id: request.id.toString(),
    method: request.method,
    path: request.path,
    query: request.query,
    headers: list,
    body: request.body,
    bodyEncoding,
    bodyBytes: request.bodyBytes,
    truncated: request.truncated,
    receivedAt: request.receivedAt.toISOString(),
  };
}

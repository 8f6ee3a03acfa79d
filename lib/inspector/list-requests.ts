import { db } from "@/lib/db/client";
import type { InspectorRequest } from "@/lib/db/generated/client";
import { REQUESTS_PAGE_SIZE } from "./limits";

export type ListRequestsOptions = {
  /** Only requests newer than this id (what arrived since the last look). */
  after?: bigint;
  /** Only requests older than this id (the next page back). */
  before?: bigint;
  limit?: number;
};

/**
 * An inspector's requests, newest first, a page at a time. Null when the workspace has no such
 * inspector, so another workspace's id reads as not found.
 */
export async function listRequests(
  workspaceId: string,
  binId: string,
  { after, before, limit = REQUESTS_PAGE_SIZE }: ListRequestsOptions = {},
): Promise<InspectorRequest[] | null> {
  const bin = await db().inspectorBin.findFirst({ where: { id: binId, workspaceId }, select: { id: true } });
  if (!bin) return null;
  return db().inspectorRequest.findMany({
    where: {
      binId,
      id: { ...(after !== undefined && { gt: after }), ...(before !== undefined && { lt: before }) },
    },
    orderBy: { id: "desc" },
    take: Math.min(Math.max(limit, 1), REQUESTS_PAGE_SIZE),
  });
}

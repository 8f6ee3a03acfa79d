import { db } from "@/lib/db/client";
import { redactUrl } from "@/lib/http/redact";
import { decodeBody } from "./decode-body";
import {
  MAX_REQUEST_BODY_BYTES,
  MAX_REQUESTS_PER_BIN,
  MAX_STORED_BODY_BYTES,
  MAX_STORED_BYTES_PER_WORKSPACE,
} from "./limits";
import { readCappedBody } from "./read-capped-body";
import { receivedHeaders } from "./received-headers";
import type { StoredHeaders } from "./stored-headers";

const BURST_WAIT_MS = 15_000;

export type RecordOutcome =
  | { kind: "recorded"; id: bigint }
  | { kind: "unknown-bin" }
  | { kind: "too-large" };

/**
 * Records one request sent to an inspector URL. `path` is the part after the inspector id
 * ("/" when none). Bodies over MAX_REQUEST_BODY_BYTES are refused without being read further.
 */
export async function recordRequest(binId: string, path: string, request: Request): Promise<RecordOutcome> {
  // Checked before the body is read, so an unknown URL costs no upload.
  const bin = await db().inspectorBin.findUnique({ where: { id: binId }, select: { workspaceId: true } });
  if (!bin) return { kind: "unknown-bin" };

  const declared = Number(request.headers.get("content-length"));
  if (declared > MAX_REQUEST_BODY_BYTES) return { kind: "too-large" };
  const read = await readCappedBody(request.body, MAX_REQUEST_BODY_BYTES);
  if (read.kind === "too-large") return read;

  const { body, encoding, truncated } = decodeBody(read.bytes, MAX_STORED_BODY_BYTES);
  const headers: StoredHeaders = { list: receivedHeaders(request.headers), bodyEncoding: encoding };
  const data = {
    binId,
    method: request.method.toUpperCase(),
    path: path || "/",
    query: maskedQuery(new URL(request.url).search),
    headers,
    body,
    bodyBytes: read.bytes.byteLength,
    truncated,
  };

  return db().$transaction(
    async (tx) => {
      // One writer per inspector at a time, so concurrent requests cannot leave more than the cap;
      // the lock also notices an inspector deleted while the body was being read.
      const locked = await tx.$queryRaw<unknown[]>`
        SELECT 1 FROM inspector_bins WHERE id = ${binId} FOR NO KEY UPDATE`;
      if (locked.length === 0) return { kind: "unknown-bin" } as const;
      const { id } = await tx.inspectorRequest.create({ data, select: { id: true } });
      await tx.$executeRaw`
        DELETE FROM inspector_requests
        WHERE bin_id = ${binId} AND id < (
          SELECT id FROM inspector_requests WHERE bin_id = ${binId}
          ORDER BY id DESC OFFSET ${MAX_REQUESTS_PER_BIN - 1} LIMIT 1)`;
      await dropOldestBeyondWorkspaceCap(tx, bin.workspaceId);
      return { kind: "recorded", id } as const;
    },
    // A burst to one inspector queues on its lock and on the pool; Prisma's 2 s default to start
    // a transaction turned a burst of a few hundred into errors.
    { maxWait: BURST_WAIT_MS, timeout: BURST_WAIT_MS },
  );
}

type Transaction = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/**
 * Deletes the workspace's oldest recorded requests until what is kept fits in
 * MAX_STORED_BYTES_PER_WORKSPACE. One writer per workspace at a time (an advisory lock taken after
 * the inspector's row lock, always in that order), so inspectors filling up together cannot both
 * keep their share. octet_length reads a text value's size without decompressing it.
 */
async function dropOldestBeyondWorkspaceCap(tx: Transaction, workspaceId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`inspector-bytes:${workspaceId}`}, 0))`;
  await tx.$executeRaw`
    DELETE FROM inspector_requests WHERE id IN (
      SELECT id FROM (
        SELECT r.id, SUM(octet_length(r.body) + octet_length(r.path) + octet_length(r.query)
                         + pg_column_size(r.headers)) OVER (ORDER BY r.id DESC) AS kept
        FROM inspector_requests r JOIN inspector_bins b ON b.id = r.bin_id
        WHERE b.workspace_id = ${workspaceId}::uuid
      ) newest
      WHERE kept > ${MAX_STORED_BYTES_PER_WORKSPACE})`;
}

/** The query without its `?`, credential parameters (`?api_key=…`) masked as in the request log. */
function maskedQuery(search: string): string {
  return search ? redactUrl(search, []).replace(/^\?/, "") : "";
}

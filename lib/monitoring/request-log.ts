/**
 * The Request Log: every attempt of a destination (or of one run), newest first, paged by id
 * (keyset), so each page walks the (destination_id, id) index from where the last one stopped
 * instead of counting and skipping a million rows.
 */
import { z } from "zod";
import { recordNumbers } from "@/lib/datasets/record-numbers";
import { db, dbPool } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { findOwnedDestination } from "./destination-access";
import { rebuildRequestBody } from "./rebuild-request-body";

export const REQUESTS_PAGE_SIZE = 50;
/**
 * A filtered page looks at this many attempts at most (the newest from its cursor on). A filter
 * that matches rarely or never would otherwise read every attempt of the destination: a second
 * and more with a million. The page then says how far it looked, and Older looks further back.
 */
export const FILTER_SCAN_LIMIT = 50_000;

export const STATUS_CLASSES = ["2xx", "3xx", "4xx", "5xx", "network"] as const;
export const statusClassSchema = z.enum(STATUS_CLASSES);
export type StatusClass = z.infer<typeof statusClassSchema>;

const idSchema = z.string().regex(/^\d{1,19}$/);

export const requestLogQuerySchema = z.object({
  status: statusClassSchema.nullish().catch(null),
  /** URL or error message contains this (case-insensitive). */
  q: z.string().trim().max(200).nullish().catch(null),
  /** Older than this attempt id (the next page). */
  before: idSchema.nullish().catch(null),
  /** Newer than this attempt id (the previous page). */
  after: idSchema.nullish().catch(null),
});
export type RequestLogQuery = z.infer<typeof requestLogQuerySchema>;

const STATUS_WHERE: Record<StatusClass, Prisma.DeliveryAttemptWhereInput> = {
  "2xx": { status: { gte: 200, lt: 300 } },
  "3xx": { status: { gte: 300, lt: 400 } },
  "4xx": { status: { gte: 400, lt: 500 } },
  "5xx": { status: { gte: 500, lt: 600 } },
  // No answer at all: DNS, connection, TLS, timeout, refused address.
  network: { status: null },
};

const listColumns = {
  id: true,
  runId: true,
  attempt: true,
  startedAt: true,
  durationMs: true,
  recordCount: true,
  method: true,
  url: true,
  status: true,
  outcome: true,
  errorClass: true,
  errorMessage: true,
  resentAfterStop: true,
} as const;

export type RequestLogEntry = {
  id: string;
  runId: string;
  attempt: number;
  startedAt: Date;
  durationMs: number;
  recordCount: number;
  method: string;
  url: string;
  status: number | null;
  outcome: string;
  errorClass: string | null;
  errorMessage: string | null;
  /** Sent again after a worker stopped mid-send: an earlier send, with the same key, may have arrived. */
  resentAfterStop: boolean;
};

export type RequestLogPage = {
  entries: RequestLogEntry[];
  /** Pass as `before` for the next (older) page; null on the last one. */
  olderCursor: string | null;
  /** Pass as `after` for the previous (newer) page; null on the first one. */
  newerCursor: string | null;
  /** Set when a filtered page stopped at FILTER_SCAN_LIMIT attempts before filling up. */
  scanLimited: boolean;
};

/** A page of attempts; null when the destination is not the workspace's. */
export async function listRequests(
  workspaceId: string,
  destinationId: string,
  query: RequestLogQuery & { runId?: string; scanLimit?: number } = {},
): Promise<RequestLogPage | null> {
  if (!(await findOwnedDestination(workspaceId, destinationId))) return null;
  // Prisma passes `contains` to LIKE as is: its wildcards must be escaped to be found as text.
  const text = query.q?.trim().replace(/[\\%_]/g, (char) => `\\${char}`);
  const filters: Prisma.DeliveryAttemptWhereInput[] = [{ destinationId }];
  if (query.runId) filters.push({ runId: query.runId });
  if (query.status) filters.push(STATUS_WHERE[query.status]);
  if (text) {
    filters.push({
      OR: [
        { url: { contains: text, mode: "insensitive" } },
        { errorMessage: { contains: text, mode: "insensitive" } },
      ],
    });
  }
  const forward = !query.after;
  if (query.after) filters.push({ id: { gt: BigInt(query.after) } });
  else if (query.before) filters.push({ id: { lt: BigInt(query.before) } });
  const boundary =
    query.status || text
      ? await scanBoundary(
          destinationId,
          query.runId,
          forward,
          query.after ?? query.before ?? null,
          query.scanLimit ?? FILTER_SCAN_LIMIT,
        )
      : null;
  if (boundary !== null) filters.push({ id: forward ? { gte: boundary } : { lte: boundary } });

  // One more than a page tells whether there is another page that way.
  const rows = await db().deliveryAttempt.findMany({
    where: { AND: filters },
    select: listColumns,
    orderBy: { id: forward ? "desc" : "asc" },
    take: REQUESTS_PAGE_SIZE + 1,
  });
  const more = rows.length > REQUESTS_PAGE_SIZE;
  const page = rows.slice(0, REQUESTS_PAGE_SIZE);
  if (!forward) page.reverse();
  const entries = page.map((row) => ({ ...row, id: row.id.toString() }));
  // Without a match to take the cursor from, the page's edges are where it started and stopped.
  const first = entries[0]?.id ?? (query.before ? (BigInt(query.before) - 1n).toString() : null);
  const last = entries.at(-1)?.id ?? (query.after ? (BigInt(query.after) + 1n).toString() : null);
  const limited = !more && boundary !== null;
  const farEdge = more ? (forward ? last : first) : limited ? String(boundary) : null;
  return {
    entries,
    olderCursor: forward ? farEdge : last,
    newerCursor: forward ? (query.before ? first : null) : farEdge,
    scanLimited: limited,
  };
}

/**
 * The id `limit` attempts away from the cursor, in the page's direction, read from the index
 * alone; null when fewer attempts are left that way.
 */
async function scanBoundary(
  destinationId: string,
  runId: string | undefined,
  olderFirst: boolean,
  cursor: string | null,
  limit: number,
): Promise<bigint | null> {
  const column = runId ? "run_id" : "destination_id";
  const { rows } = await dbPool().query<{ boundary: string }>(
    `SELECT id::text AS boundary FROM delivery_attempts
      WHERE ${column} = $1 AND ($2::bigint IS NULL OR id ${olderFirst ? "<" : ">"} $2::bigint)
      ORDER BY id ${olderFirst ? "DESC" : "ASC"}
      OFFSET $3 LIMIT 1`,
    [runId ?? destinationId, cursor, limit - 1],
  );
  return rows[0] ? BigInt(rows[0].boundary) : null;
}

export type RequestDetail = RequestLogEntry & {
  version: number;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  /** Why the body cannot be shown, when it was not kept and cannot be built again. */
  requestBodyNote: string | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  /** The records it carried, by their numbers in the dataset ("#1–#100"); null when none are left. */
  records: string | null;
};

/**
 * One attempt as sent (secrets masked when it was logged) and as answered. A delivered request's
 * body is not kept: it is built again from the records it carried.
 */
export async function getRequest(
  workspaceId: string,
  destinationId: string,
  attemptId: string,
): Promise<RequestDetail | null> {
  if (!idSchema.safeParse(attemptId).success) return null;
  if (!(await findOwnedDestination(workspaceId, destinationId))) return null;
  const row = await db().deliveryAttempt.findFirst({
    where: { id: BigInt(attemptId), destinationId },
    select: {
      ...listColumns,
      version: true,
      requestHeaders: true,
      requestBody: true,
      recordIds: true,
      responseHeaders: true,
      responseBody: true,
    },
  });
  if (!row) return null;
  const { recordIds, ...kept } = row;
  const rebuilt =
    row.requestBody === null && (recordIds?.length ?? 0) > 0
      ? await rebuildRequestBody(workspaceId, destinationId, { version: row.version, recordIds })
      : { body: row.requestBody, note: null };
  const numbered = await dbPool().query<{ position: number }>(
    "SELECT position::double precision AS position FROM records WHERE id = ANY($1::bigint[])",
    [(recordIds ?? []).map(String)],
  );
  return {
    ...kept,
    records: numbered.rows.length > 0 ? recordNumbers(numbered.rows.map((row) => row.position)) : null,
    requestBody: rebuilt.body,
    requestBodyNote: rebuilt.note,
    id: row.id.toString(),
    requestHeaders: (row.requestHeaders ?? {}) as Record<string, string>,
    responseHeaders: row.responseHeaders as Record<string, string> | null,
  };
}

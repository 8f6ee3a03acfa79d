/**
 * Cursor pages over rows with UUID ids: a page holds `limit` rows after the cursor (the last id
 * of the previous page), and rows added meanwhile come before the first page, never inside one.
 */
import { requireUuid } from "./route";

/** Prisma's findMany arguments for the page after `cursor`: one row more, to know if another page follows. */
export function pageArgs(cursor: string | undefined, limit: number) {
  return {
    take: limit + 1,
    ...(cursor ? { cursor: { id: requireUuid(cursor, "page at this cursor") }, skip: 1 } : {}),
  };
}

/** The page's rows, and the cursor of the next page (null on the last). */
export function pageOf<Row extends { id: string }>(
  rows: Row[],
  limit: number,
): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

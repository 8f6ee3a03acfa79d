/**
 * Cursor pages over rows by id: a page holds `limit` rows after the cursor (the last id
 * of the previous page), and rows added meanwhile come before the first page, never inside one.
 */
import { z } from "zod";
import type { Page } from "@/lib/db/page";
import { NotFound } from "./route";

/**
 * Prisma's findMany arguments for the page after `cursor`: one row more, to know if another page
 * follows. `isId` checks the cursor is an id of the rows' kind (a UUID unless said otherwise).
 */
export function pageArgs(
  cursor: string | undefined,
  limit: number,
  isId: (value: string) => boolean = (value) => z.uuid().safeParse(value).success,
): Page {
  if (cursor !== undefined && !isId(cursor))
    throw new NotFound(
      "No page starts at this cursor: pass the nextCursor of the page before, or none for the first page.",
    );
  return { take: limit + 1, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) };
}

/** The page's rows, and the cursor of the next page (null on the last). */
export function pageOf<Row extends { id: string }>(
  rows: Row[],
  limit: number,
): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

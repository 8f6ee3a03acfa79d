import { z } from "zod";
import type { BodyEncoding } from "./decode-body";

export type HeaderPair = [name: string, value: string];

/**
 * What the `headers` JSON column of an inspector request holds: the headers in the order
 * received, and how the `body` column is encoded (the table has no column of its own for that).
 */
export type StoredHeaders = { list: HeaderPair[]; bodyEncoding: BodyEncoding };

const storedHeadersSchema = z.object({
  list: z.array(z.tuple([z.string(), z.string()])),
  bodyEncoding: z.enum(["utf8", "base64"]),
});

export function parseStoredHeaders(value: unknown): StoredHeaders {
  const parsed = storedHeadersSchema.safeParse(value);
  return parsed.success ? parsed.data : { list: [], bodyEncoding: "utf8" };
}

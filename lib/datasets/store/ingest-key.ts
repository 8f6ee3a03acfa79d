import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db/client";
import { isDatasetId } from "./dataset-id";

const PREFIX = "ofk_";
const HINT_LENGTH = 4;

/** A new ingest key: `ofk_` and 256 random bits, URL-safe. Shown once; only its hash is stored. */
export function newIngestKey(): string {
  return `${PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashIngestKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The columns that store a key: its hash, and its last characters to recognise it by (`••••abcd`). */
export function ingestKeyColumns(key: string): { ingestKeyHash: string; ingestKeyHint: string } {
  return { ingestKeyHash: hashIngestKey(key), ingestKeyHint: key.slice(-HINT_LENGTH) };
}

/**
 * Replaces the dataset's ingest key and returns the new one; the old key stops working at once
 * (an ingest already past the key check re-checks it under the dataset's row lock before it
 * commits, see withRecordAppender). Null for another workspace's dataset or an unknown id.
 */
export async function regenerateIngestKey(workspaceId: string, datasetId: string): Promise<string | null> {
  if (!isDatasetId(workspaceId) || !isDatasetId(datasetId)) return null;
  const key = newIngestKey();
  const { count } = await db().dataset.updateMany({
    where: { id: datasetId, workspaceId },
    data: ingestKeyColumns(key),
  });
  return count === 1 ? key : null;
}

/** `datasetId` when `key` is that dataset's ingest key, otherwise null (also for an unknown id). */
export async function datasetIdForIngestKey(datasetId: string, key: string): Promise<string | null> {
  const dataset = isDatasetId(datasetId)
    ? await db().dataset.findUnique({ where: { id: datasetId }, select: { ingestKeyHash: true } })
    : null;
  return ingestKeyHashMatches(dataset?.ingestKeyHash ?? null, hashIngestKey(key)) ? datasetId : null;
}

/**
 * Compares hashes in constant time, so response timing says nothing about how much of a guessed
 * key's hash matched. A dataset without a key matches nothing.
 */
export function ingestKeyHashMatches(storedHash: string | null, presentedHash: string): boolean {
  const presented = Buffer.from(presentedHash, "hex");
  const stored = storedHash === null ? null : Buffer.from(storedHash, "hex");
  if (stored === null || stored.length !== presented.length) {
    // Same work on every path.
    timingSafeEqual(presented, presented);
    return false;
  }
  return timingSafeEqual(stored, presented);
}

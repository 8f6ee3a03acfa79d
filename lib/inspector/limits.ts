/**
 * The Request Inspector's caps. An inspector URL is public (its id is the only secret), so what
 * anyone can make Outflow store is bounded: per body, per inspector and per workspace.
 */

/** Body bytes kept per request; the rest is dropped and the request marked `truncated`. */
export const MAX_STORED_BODY_BYTES = 256 * 1024;

/** Larger request bodies are refused with 413, before more than this is read. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** Requests kept per inspector; recording a new one deletes the oldest beyond this. */
export const MAX_REQUESTS_PER_BIN = 500;

export const MAX_BINS_PER_WORKSPACE = 50;

/**
 * Bytes of recorded requests (bodies, headers, paths, queries) kept per workspace, over all its
 * inspectors; recording a new one deletes the workspace's oldest beyond this. Without it, 50
 * inspectors × 500 requests × 256 KiB let anyone with the URLs fill the disk.
 */
export const MAX_STORED_BYTES_PER_WORKSPACE = 25_000_000;

/** Requests an inspector accepts per minute from anyone (the URL needs no sign-in); then 429. */
export const MAX_REQUESTS_PER_BIN_PER_MINUTE = 600;

/** Requests returned per page by `listRequests`. */
export const REQUESTS_PAGE_SIZE = 50;

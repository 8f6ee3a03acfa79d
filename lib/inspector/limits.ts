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

/** Requests returned per page by `listRequests`. */
export const REQUESTS_PAGE_SIZE = 50;

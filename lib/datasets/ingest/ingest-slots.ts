/**
 * Ingest bodies read and parsed at once by this process. Each one is held in memory whole (it is
 * stored all or nothing), so without a bound parallel large bodies grow memory without limit
 * (4 × 9 MB bodies cost about 200 MB). Beyond the bound the sender is told to retry shortly.
 */
export const MAX_CONCURRENT_INGEST_BODIES = 2;

/** Seconds a refused sender is asked to wait (Retry-After). */
export const INGEST_BUSY_RETRY_SECONDS = 2;

let inUse = 0;

export type IngestSlot = { release: () => void };

/** A slot for one body, or null when MAX_CONCURRENT_INGEST_BODIES are being handled already. */
export function takeIngestSlot(): IngestSlot | null {
  if (inUse >= MAX_CONCURRENT_INGEST_BODIES) return null;
  inUse++;
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      inUse--;
    },
  };
}

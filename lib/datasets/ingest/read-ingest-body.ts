import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createGunzip } from "node:zlib";

export type IngestEncoding = "identity" | "gzip";

export type IngestBody =
  | { kind: "read"; bytes: Uint8Array }
  /** Stopped reading once past the limit; for gzip, the limit applies to the decompressed bytes. */
  | { kind: "too-large" }
  | { kind: "bad-gzip"; reason: string };

class TooLarge extends Error {}

/**
 * Reads a request body chunk by chunk, stopping as soon as it passes `maxBytes`, so a sender cannot
 * make the server hold more than the limit. A gzip body is decompressed on the fly and the limit
 * counts the decompressed bytes: a small zip bomb stops after `maxBytes` of output. The compressed
 * bytes are held to the same limit, which also bounds trailing data after the gzip stream.
 */
export async function readIngestBody(
  body: ReadableStream<Uint8Array> | null,
  encoding: IngestEncoding,
  maxBytes: number,
): Promise<IngestBody> {
  if (!body) return encoding === "gzip" ? { kind: "bad-gzip", reason: "the body is empty" } : read([]);
  const chunks: Uint8Array[] = [];
  const capped = (bytes: { total: number }) =>
    async function* (source: AsyncIterable<Uint8Array>) {
      for await (const chunk of source) {
        bytes.total += chunk.byteLength;
        if (bytes.total > maxBytes) throw new TooLarge();
        yield chunk;
      }
    };
  const keep = async (source: AsyncIterable<Uint8Array>) => {
    for await (const chunk of source) chunks.push(chunk);
  };
  const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  try {
    if (encoding === "gzip") {
      await pipeline(source, capped({ total: 0 }), createGunzip(), capped({ total: 0 }), keep);
    } else {
      await pipeline(source, capped({ total: 0 }), keep);
    }
  } catch (error) {
    if (error instanceof TooLarge) return { kind: "too-large" };
    if (isZlibError(error)) return { kind: "bad-gzip", reason: error.message };
    throw error;
  }
  return read(chunks);
}

function read(chunks: Uint8Array[]): IngestBody {
  return { kind: "read", bytes: chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks) };
}

// zlib's errors carry codes such as Z_DATA_ERROR (not gzip, bad checksum) and Z_BUF_ERROR (cut short).
function isZlibError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && (error as NodeJS.ErrnoException).code?.startsWith("Z_") === true;
}

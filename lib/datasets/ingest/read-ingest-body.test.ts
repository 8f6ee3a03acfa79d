import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readIngestBody } from "./read-ingest-body";

/** A body in `pieceBytes` pieces that counts how many bytes the reader pulled. */
function countingStream(bytes: Uint8Array, pieceBytes = 1024) {
  const pulled = { bytes: 0 };
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      const piece = bytes.slice(offset, offset + pieceBytes);
      offset += piece.byteLength;
      pulled.bytes += piece.byteLength;
      controller.enqueue(piece);
    },
  });
  return { stream, pulled };
}

const text = (body: Awaited<ReturnType<typeof readIngestBody>>) =>
  body.kind === "read" ? new TextDecoder().decode(body.bytes) : body.kind;

describe("readIngestBody", () => {
  it("reads a body up to the limit whole", async () => {
    const bytes = new TextEncoder().encode("x".repeat(5000));
    expect(text(await readIngestBody(countingStream(bytes).stream, "identity", 5000))).toBe("x".repeat(5000));
    expect(text(await readIngestBody(null, "identity", 10))).toBe("");
  });

  it("stops reading soon after the limit", async () => {
    const { stream, pulled } = countingStream(new Uint8Array(1024 * 1024), 1024);
    expect(await readIngestBody(stream, "identity", 10_000)).toEqual({ kind: "too-large" });
    // The limit plus what the stream had buffered ahead, not the megabyte.
    expect(pulled.bytes).toBeLessThan(100 * 1024);
  });

  it("gunzips, applying the limit to the decompressed size", async () => {
    const original = '{"n":1}\n'.repeat(1000);
    const gzipped = gzipSync(original);
    expect(text(await readIngestBody(countingStream(gzipped).stream, "gzip", original.length))).toBe(
      original,
    );
    expect(await readIngestBody(countingStream(gzipped).stream, "gzip", original.length - 1)).toEqual({
      kind: "too-large",
    });
  });

  it("stops a zip bomb after the limit of output", async () => {
    // 16 gzip members of 16 MB of zeros each: 256 KB that decompress to 256 MB.
    const member = gzipSync(new Uint8Array(16 * 1024 * 1024));
    const bomb = Buffer.concat(Array.from({ length: 16 }, () => member));
    const { stream, pulled } = countingStream(bomb, 1024);
    expect(await readIngestBody(stream, "gzip", 1024 * 1024)).toEqual({ kind: "too-large" });
    // 1 MB of output takes about 1 KB of input; the rest pulled is the streams' read-ahead.
    expect(pulled.bytes).toBeLessThan(bomb.byteLength / 2);
  });

  it("holds the compressed bytes to the limit too", async () => {
    const gzipped = gzipSync("{}");
    const padded = new Uint8Array(gzipped.byteLength + 10_000);
    padded.set(gzipped);
    expect(await readIngestBody(countingStream(padded).stream, "gzip", 5000)).toEqual({ kind: "too-large" });
  });

  it("reports corrupt or truncated gzip", async () => {
    const notGzip = new TextEncoder().encode('{"n":1}');
    expect(await readIngestBody(countingStream(notGzip).stream, "gzip", 1000)).toMatchObject({
      kind: "bad-gzip",
    });
    const cut = gzipSync('{"n":1}\n'.repeat(100)).subarray(0, 30);
    expect(await readIngestBody(countingStream(cut).stream, "gzip", 10_000)).toMatchObject({
      kind: "bad-gzip",
    });
    expect(await readIngestBody(null, "gzip", 1000)).toMatchObject({ kind: "bad-gzip" });
  });
});

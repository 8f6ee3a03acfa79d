/**
 * Reads a response body keeping at most `maxBytes`. The rest is read and thrown away rather than
 * the connection dropped, so a keep-alive connection stays usable; the caller's total timeout
 * bounds how long that takes.
 */
import { Readable } from "node:stream";

export type CappedBody = { text: string; bytes: number; truncated: boolean };

export async function readCappedBody(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<CappedBody> {
  const sink = new CappedSink(maxBytes);
  if (body instanceof Readable) {
    // A stream's own events cost a fraction of its async iterator (a promise and a wrapper
    // object per chunk), and every response of a run is read through here.
    await new Promise<void>((resolve, reject) => {
      let ended = false;
      body.on("data", (chunk: Uint8Array) => sink.add(chunk));
      body.once("end", () => {
        ended = true;
        resolve();
      });
      body.once("error", reject);
      body.once("close", () => {
        if (!ended) reject(body.errored ?? new Error("The response body ended before it was complete."));
      });
    });
  } else {
    for await (const chunk of body) sink.add(chunk);
  }
  return sink.finish();
}

class CappedSink {
  private readonly kept: Uint8Array[] = [];
  private keptBytes = 0;
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  add(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    const room = this.maxBytes - this.keptBytes;
    if (room <= 0) return;
    const part = chunk.byteLength <= room ? chunk : chunk.subarray(0, room);
    this.kept.push(part);
    this.keptBytes += part.byteLength;
  }

  finish(): CappedBody {
    const { kept, bytes, maxBytes } = this;
    const truncated = bytes > maxBytes;
    // With stream: true the decoder holds back a UTF-8 character cut in half by the cap instead of
    // emitting a replacement character for it.
    const text = new TextDecoder("utf-8").decode(Buffer.concat(kept), { stream: truncated });
    return { text, bytes, truncated };
  }
}

/**
 * Reads a response body keeping at most `maxBytes`. The rest is read and thrown away rather than
 * the connection dropped, so a keep-alive connection stays usable; the caller's total timeout
 * bounds how long that takes.
 */
export type CappedBody = { text: string; bytes: number; truncated: boolean };

export async function readCappedBody(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<CappedBody> {
  const kept: Uint8Array[] = [];
  let keptBytes = 0;
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.byteLength;
    const room = maxBytes - keptBytes;
    if (room <= 0) continue;
    const part = chunk.byteLength <= room ? chunk : chunk.subarray(0, room);
    kept.push(part);
    keptBytes += part.byteLength;
  }
  const truncated = bytes > maxBytes;
  // With stream: true the decoder holds back a UTF-8 character cut in half by the cap instead of
  // emitting a replacement character for it.
  const text = new TextDecoder("utf-8").decode(Buffer.concat(kept), { stream: truncated });
  return { text, bytes, truncated };
}

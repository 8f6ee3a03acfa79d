export type BodyEncoding = "utf8" | "base64";

export type DecodedBody = { body: string; encoding: BodyEncoding; truncated: boolean };

/**
 * The body as it is stored: UTF-8 text when it is text, otherwise base64. Only the first `keep`
 * bytes are kept. A text body cut in the middle of a character loses that partial character
 * rather than being treated as binary.
 */
export function decodeBody(bytes: Uint8Array, keep: number): DecodedBody {
  const truncated = bytes.byteLength > keep;
  const kept = truncated ? bytes.subarray(0, keep) : bytes;
  // A UTF-8 character is at most 4 bytes, so at most 3 trailing bytes can be a cut-off one.
  const maxTrim = truncated ? Math.min(3, kept.byteLength) : 0;
  for (let trim = 0; trim <= maxTrim; trim++) {
    const text = decodeUtf8(kept.subarray(0, kept.byteLength - trim));
    if (text !== null) return { body: text, encoding: "utf8", truncated };
  }
  return { body: Buffer.from(kept).toString("base64"), encoding: "base64", truncated };
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    // Postgres text cannot hold NUL, and text with NUL in it is binary for any reader anyway.
    return text.includes("\u0000") ? null : text;
  } catch {
    return null;
  }
}

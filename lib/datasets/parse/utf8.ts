/**
 * Strict UTF-8 decoding with an error that says where. TextDecoder's fatal mode is fast but only
 * says "invalid"; the offset is found by a second, slower scan that runs on the error path only.
 * A leading byte-order mark is dropped (TextDecoder does that unless told `ignoreBOM`).
 */
import { RecordParseError } from "./types";

export type Utf8Subject = "file" | "body";

const wholeDecoder = new TextDecoder("utf-8", { fatal: true });

export function decodeUtf8(bytes: Uint8Array, subject: Utf8Subject): string {
  try {
    return wholeDecoder.decode(bytes);
  } catch {
    throw notUtf8Error(subject, Math.max(0, firstInvalidUtf8Offset(bytes)));
  }
}

export type Utf8StreamDecoder = { write(chunk: Uint8Array): string; end(): string };

/** Decodes chunk by chunk; a character split across chunks is held back until it is whole. */
export function createUtf8StreamDecoder(subject: Utf8Subject): Utf8StreamDecoder {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let bytesBefore = 0;
  // The last bytes seen, to locate an error that starts in the previous chunk's unfinished character.
  let tail: Uint8Array = new Uint8Array(0);
  return {
    write(chunk) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        const pending = pendingLength(tail);
        const joined = new Uint8Array(pending + chunk.byteLength);
        joined.set(tail.subarray(tail.byteLength - pending), 0);
        joined.set(chunk, pending);
        const at = firstInvalidUtf8Offset(joined);
        throw notUtf8Error(subject, bytesBefore - pending + Math.max(0, at));
      }
      tail = lastBytes(tail, chunk);
      bytesBefore += chunk.byteLength;
      return text;
    },
    end() {
      try {
        return decoder.decode();
      } catch {
        throw notUtf8Error(subject, bytesBefore - pendingLength(tail));
      }
    },
  };
}

export function notUtf8Error(subject: Utf8Subject, offset: number): RecordParseError {
  const advice = subject === "file" ? "save it as UTF-8 and upload again" : "send it encoded as UTF-8";
  return new RecordParseError(
    `The ${subject} is not valid UTF-8 (invalid byte at offset ${offset}): ${advice}`,
  );
}

/**
 * Offset of the first byte that starts an invalid or unfinished sequence, or -1 when all is valid.
 * Follows the WHATWG decoder: no overlong forms, no surrogates, nothing above U+10FFFF.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) need = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      if (lead === 0xe0) lower = 0xa0;
      if (lead === 0xed) upper = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      if (lead === 0xf0) lower = 0x90;
      if (lead === 0xf4) upper = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < lower || next > upper) return i;
      lower = 0x80;
      upper = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/** How many trailing bytes form a character that is begun but not finished. */
function pendingLength(tail: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, tail.length); k++) {
    const byte = tail[tail.length - k] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > k ? k : 0;
  }
  return 0;
}

function lastBytes(previous: Uint8Array, chunk: Uint8Array): Uint8Array {
  if (chunk.byteLength >= 3) return chunk.slice(chunk.byteLength - 3);
  const joined = new Uint8Array(previous.byteLength + chunk.byteLength);
  joined.set(previous, 0);
  joined.set(chunk, previous.byteLength);
  return joined.slice(Math.max(0, joined.byteLength - 3));
}

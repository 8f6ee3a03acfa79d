import { describe, expect, it } from "vitest";
import { RecordParseError } from "./types";
import { createUtf8StreamDecoder, decodeUtf8, firstInvalidUtf8Offset } from "./utf8";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("decodeUtf8", () => {
  it("drops a byte-order mark", () => {
    expect(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x61), "body")).toBe("a");
  });

  it("names the offset of the first invalid byte", () => {
    // "ab" then Latin-1 "é" (0xE9) followed by ASCII: the classic wrongly-encoded export.
    const error = (() => {
      try {
        decodeUtf8(bytes(0x61, 0x62, 0xe9, 0x74), "file");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RecordParseError);
    expect((error as Error).message).toBe(
      "The file is not valid UTF-8 (invalid byte at offset 2): save it as UTF-8 and upload again",
    );
  });
});

describe("firstInvalidUtf8Offset", () => {
  it.each([
    ["valid multi-byte text", Array.from(new TextEncoder().encode("é€😀")), -1],
    ["an overlong form", [0x61, 0xc0, 0x80], 1],
    ["a UTF-16 surrogate", [0xed, 0xa0, 0x80], 0],
    ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
    ["a stray continuation byte", [0x61, 0x80], 1],
    ["a character cut at the end", [0x61, 0xe2, 0x82], 1],
  ])("finds %s", (_, input, expected) => {
    expect(firstInvalidUtf8Offset(new Uint8Array(input))).toBe(expected);
  });
});

describe("createUtf8StreamDecoder", () => {
  it("joins a character split across chunks", () => {
    const decoder = createUtf8StreamDecoder("file");
    const euro = new TextEncoder().encode("€"); // 3 bytes
    const text = [euro.slice(0, 1), euro.slice(1, 2), euro.slice(2)].map((c) => decoder.write(c)).join("");
    expect(text + decoder.end()).toBe("€");
  });

  it("counts the offset across chunks, even when the bad sequence began in the previous chunk", () => {
    const decoder = createUtf8StreamDecoder("file");
    decoder.write(bytes(0x61, 0x62, 0x63, 0xe2));
    expect(() => decoder.write(bytes(0x41))).toThrow("invalid byte at offset 3");
  });

  it("rejects a file that ends inside a character", () => {
    const decoder = createUtf8StreamDecoder("file");
    decoder.write(bytes(0x61, 0x62, 0xf0, 0x9f));
    expect(() => decoder.end()).toThrow("invalid byte at offset 2");
  });
});

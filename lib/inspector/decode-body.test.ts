import { describe, expect, it } from "vitest";
import { decodeBody } from "./decode-body";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("decodeBody", () => {
  it("keeps text as text", () => {
    expect(decodeBody(utf8('{"name":"Zoë"}'), 100)).toEqual({
      body: '{"name":"Zoë"}',
      encoding: "utf8",
      truncated: false,
    });
  });

  it("drops a character cut in half by truncation instead of calling the body binary", () => {
    // "€" is 3 bytes; keeping 4 bytes of "a€€" cuts the second one after its first byte.
    expect(decodeBody(utf8("a€€"), 5)).toEqual({ body: "a€", encoding: "utf8", truncated: true });
  });

  it("stores invalid UTF-8 and NUL bytes as base64", () => {
    expect(decodeBody(new Uint8Array([0xff, 0x00]), 10)).toEqual({
      body: "/wA=",
      encoding: "base64",
      truncated: false,
    });
    expect(decodeBody(utf8("a\u0000b"), 10).encoding).toBe("base64");
  });
});

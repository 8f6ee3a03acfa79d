import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readCappedBody } from "./read-body";

async function* chunks(...parts: string[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

describe("readCappedBody", () => {
  it("keeps a body under the cap whole", async () => {
    expect(await readCappedBody(chunks("hello ", "world"), 64)).toEqual({
      text: "hello world",
      bytes: 11,
      truncated: false,
    });
  });

  it("keeps the first bytes and counts the rest", async () => {
    expect(await readCappedBody(chunks("abcdef", "ghij", "klmn"), 8)).toEqual({
      text: "abcdefgh",
      bytes: 14,
      truncated: true,
    });
  });

  it("does not leave half a character at the cut", async () => {
    // "é" is two bytes in UTF-8; the cap falls between them.
    expect(await readCappedBody(chunks("abé"), 3)).toEqual({ text: "ab", bytes: 4, truncated: true });
  });

  it("reads a Node stream the same way, and rejects when it fails midway", async () => {
    const parts = ["abcdef", "ghij", "klmn"].map((p) => Buffer.from(p));
    expect(await readCappedBody(Readable.from(parts), 8)).toEqual({
      text: "abcdefgh",
      bytes: 14,
      truncated: true,
    });
    const failing = new Readable({ read() {} });
    failing.push(Buffer.from("abc"));
    setImmediate(() => failing.destroy(new Error("socket hang up")));
    await expect(readCappedBody(failing, 64)).rejects.toThrow("socket hang up");
  });
});

import { describe, expect, it } from "vitest";
import { resolveClientAddress } from "./client-address";

const resolve = (socketAddress: string | null, forwardedFor: string | null, trustedProxies: string[] = []) =>
  resolveClientAddress({ socketAddress, forwardedFor, trustedProxies });

describe("resolveClientAddress", () => {
  it("uses the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolve("198.51.100.7", "203.0.113.1")).toBe("198.51.100.7");
    expect(resolve("198.51.100.7", null)).toBe("198.51.100.7");
  });

  it("reads an IPv4 peer on a dual-stack socket as the IPv4 address", () => {
    expect(resolve("::ffff:127.0.0.1", null)).toBe("127.0.0.1");
  });

  it("believes the address a trusted proxy reports", () => {
    expect(resolve("10.0.0.5", "203.0.113.1", ["10.0.0.0/8"])).toBe("203.0.113.1");
  });

  it("takes the nearest untrusted hop, not the client-written start of the header", () => {
    // The client sent `X-Forwarded-For: 192.0.2.66`; the proxy appended the real peer.
    expect(resolve("10.0.0.5", "192.0.2.66, 203.0.113.1", ["10.0.0.0/8"])).toBe("203.0.113.1");
  });

  it("walks through a chain of trusted proxies", () => {
    expect(resolve("10.0.0.5", "192.0.2.66, 203.0.113.1, 10.1.2.3", ["10.0.0.0/8"])).toBe("203.0.113.1");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(resolve("198.51.100.7", "203.0.113.1", ["10.0.0.0/8"])).toBe("198.51.100.7");
  });

  it("accepts single addresses and IPv6 ranges as trusted proxies", () => {
    expect(resolve("127.0.0.1", "203.0.113.1", ["127.0.0.1"])).toBe("203.0.113.1");
    expect(resolve("::ffff:127.0.0.1", "203.0.113.1", ["127.0.0.1"])).toBe("203.0.113.1");
    expect(resolve("fd00::1", "2001:db8::9", ["fd00::/8"])).toBe("2001:db8::9");
  });

  it("stops at a hop that is not an address", () => {
    expect(resolve("10.0.0.5", "not-an-ip", ["10.0.0.0/8"])).toBe("10.0.0.5");
  });

  it("reads hops written with a port", () => {
    expect(resolve("10.0.0.5", "203.0.113.1:51234", ["10.0.0.0/8"])).toBe("203.0.113.1");
    expect(resolve("10.0.0.5", "[2001:db8::9]:443", ["10.0.0.0/8"])).toBe("2001:db8::9");
  });

  it("says unknown without a socket address", () => {
    expect(resolve(null, "203.0.113.1", ["10.0.0.0/8"])).toBe("unknown");
  });
});

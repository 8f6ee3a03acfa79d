import { describe, expect, it } from "vitest";
import { createNonce, pageContentSecurityPolicy } from "./security-headers";

describe("pageContentSecurityPolicy", () => {
  it("lets scripts run only with the nonce and forbids framing", () => {
    const policy = pageContentSecurityPolicy({ nonce: "abc123", development: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
  });

  it("allows eval in development only, for React's refresh runtime", () => {
    expect(pageContentSecurityPolicy({ nonce: "n", development: true })).toContain("'unsafe-eval'");
    expect(pageContentSecurityPolicy({ nonce: "n", development: false })).not.toContain("'unsafe-eval'");
  });

  it("never allows inline code or styles without the nonce in production", () => {
    expect(pageContentSecurityPolicy({ nonce: "n", development: false })).not.toContain("'unsafe-inline'");
    expect(pageContentSecurityPolicy({ nonce: "n", development: true })).toMatch(/script-src [^;]*'nonce-n'/);
    expect(pageContentSecurityPolicy({ nonce: "n", development: true })).not.toMatch(
      /script-src [^;]*'unsafe-inline'/,
    );
  });
});

describe("createNonce", () => {
  it("gives a different base64 value each time", () => {
    const nonces = new Set(Array.from({ length: 20 }, createNonce));
    expect(nonces.size).toBe(20);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

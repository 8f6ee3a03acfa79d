import { describe, expect, it } from "vitest";
import { isSensitiveHeaderName, maskSecret, redactHeaders, redactText, redactUrl } from "./redact";

const token = "pat-na1-0123456789abcdef";

describe("maskSecret", () => {
  it("shows the last four characters of a long secret", () => {
    expect(maskSecret(token)).toBe("••••cdef");
  });

  it("shows nothing of a secret under 16 characters, not even a suffix that looks real", () => {
    expect(maskSecret("short-key")).toBe("••••");
    expect(maskSecret("fifteen-chars!!")).toBe("••••");
    expect(maskSecret("sixteen-chars-xy")).toBe("••••s-xy");
  });
});

describe("redactText", () => {
  it("masks every occurrence, raw, base64 and URL-encoded", () => {
    const secret = "s3cr3t/with+odd=chars";
    const text = [
      `raw ${secret} and ${secret}`,
      `b64 ${Buffer.from(secret).toString("base64")}`,
      `b64url ${Buffer.from(secret).toString("base64url")}`,
      `url ${encodeURIComponent(secret)}`,
    ].join("\n");
    const redacted = redactText(text, [secret]);
    expect(redacted).toBe("raw ••••hars and ••••hars\nb64 ••••hars\nb64url ••••hars\nurl ••••hars");
  });

  it("masks a secret that contains another one whole", () => {
    expect(redactText(`key=${token}`, ["0123456789", token])).toBe("key=••••cdef");
  });

  it("leaves text without secrets alone, and ignores empty secrets", () => {
    expect(redactText("nothing to see", ["", token])).toBe("nothing to see");
  });
});

describe("redactText: every form a secret travels in", () => {
  const secret = "CANARY!HO2(sec)~9999'qqq +*/é";
  const found = (text: string) => redactText(text, [secret]) !== text;

  it.each([
    ["JSON-escaped", JSON.stringify({ echo: secret })],
    ["JSON-escaped with \\u escapes", JSON.stringify(secret).replace("é", "\\u00e9")],
    ["JSON-escaped with upper-case \\u escapes", JSON.stringify(secret).replace("é", "\\u00E9")],
    ["a URI component", `x=${encodeURIComponent(secret)}`],
    ["form-encoded", new URLSearchParams({ client_secret: secret }).toString()],
    [
      "form-encoded with lower-case hex",
      new URLSearchParams({ s: secret }).toString().replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    ],
    [
      "strict RFC 3986",
      encodeURIComponent(secret).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    ],
    ["base64", Buffer.from(secret).toString("base64")],
    ["base64url", Buffer.from(secret).toString("base64url")],
  ])("masks it %s", (_, text) => {
    expect(found(text)).toBe(true);
    expect(redactText(text, [secret])).toContain("••••");
  });

  it.each([0, 1, 2, 3, 4, 5])("finds it base64-encoded after %i other bytes", (offset) => {
    const encoded = Buffer.from(`${"u".repeat(offset)}${secret}`).toString("base64");
    const redacted = redactText(`Basic ${encoded}`, [secret]);
    expect(redacted).toContain("••••");
    // What is left can no longer be decoded to the secret.
    expect(
      Buffer.from(redacted.replace(/^Basic /, "").replace(/•+/g, ""), "base64").toString(),
    ).not.toContain(secret.slice(2, -2));
  });

  it("masks a whole Basic token given its user:password pair", () => {
    const pair = `bob:${secret}`;
    expect(redactText(`echo: Basic ${Buffer.from(pair).toString("base64")}`, [secret, pair])).toBe(
      "echo: Basic ••••+*/é",
    );
  });

  it("masks a short secret only where it stands alone", () => {
    expect(redactText("user:password and x", ["x"])).toBe("user:password and ••••");
    expect(redactText('{"key":"abc12"} abc123', ["abc12"])).toBe('{"key":"••••"} abc123');
  });
});

describe("redactHeaders", () => {
  it("masks credential headers, keeping the scheme word", () => {
    expect(
      redactHeaders(
        {
          Authorization: `Bearer ${token}`,
          "proxy-authorization": "Basic dXNlcjpwYXNzd29yZDEyMw==",
          Cookie: "session=abcdefghijklmnop",
          "Set-Cookie": "id=1",
          "X-Api-Key": token,
          "X-Auth-Token": `Token ${token}`,
          "X-Client-Secret": "hunter2hunter2",
          "Content-Type": "application/json",
          "X-Echo": `got ${token}`,
          "Idempotency-Key": "batch-42-attempt-stable",
        },
        [token],
      ),
    ).toEqual({
      Authorization: "Bearer ••••cdef",
      "proxy-authorization": "Basic ••••",
      Cookie: "••••mnop",
      "Set-Cookie": "••••",
      "X-Api-Key": "••••cdef",
      "X-Auth-Token": "Token ••••cdef",
      "X-Client-Secret": "••••",
      "Content-Type": "application/json",
      "X-Echo": "got ••••cdef",
      "Idempotency-Key": "batch-42-attempt-stable",
    });
  });

  it("does not mistake the first word of an API key header for a scheme", () => {
    expect(redactHeaders({ "X-Api-Key": "firsthalf secondhalf" }, [])).toEqual({ "X-Api-Key": "••••half" });
  });

  it("knows which names carry credentials", () => {
    expect(isSensitiveHeaderName("X-HubSpot-Access-Token")).toBe(true);
    expect(isSensitiveHeaderName("Accept")).toBe(false);
  });
});

describe("redactUrl", () => {
  it("masks secret query values, by value and by conventional name", () => {
    expect(redactUrl(`https://api.example.com/v1/items?hapikey=${token}&limit=10&key=short`, [token])).toBe(
      "https://api.example.com/v1/items?hapikey=••••cdef&limit=10&key=••••",
    );
  });

  it("masks secrets in the path and a password in the userinfo", () => {
    expect(redactUrl(`https://bob:${token}@hooks.example.com/services/${token}#top`, [])).toBe(
      `https://bob:••••cdef@hooks.example.com/services/${token}#top`,
    );
    expect(redactUrl(`https://hooks.example.com/services/${token}`, [token])).toBe(
      "https://hooks.example.com/services/••••cdef",
    );
  });

  it("leaves a URL without secrets as it was", () => {
    const url = "https://api.example.com/v1/items?limit=10&after=abc#frag";
    expect(redactUrl(url, [token])).toBe(url);
  });
});

describe("redactText: the compiled secret forms are never stale", () => {
  it("masks a changed secret at once, and stops treating the old one as secret", () => {
    const before = "old-secret-0123456789";
    const after = "new-secret-9876543210";
    const text = `a ${before} b ${after}`;
    expect(redactText(text, [before])).toBe(`a ••••6789 b ${after}`);
    expect(redactText(text, [after])).toBe(`a ${before} b ••••3210`);
    expect(redactText(text, [before])).toBe(`a ••••6789 b ${after}`);
  });

  it("sees a value added to the same array after a first use (a refreshed token)", () => {
    const secrets = ["first-secret-0123456789"];
    const refreshed = "refreshed-token-abcdefgh";
    expect(redactText(`t=${refreshed}`, secrets)).toBe(`t=${refreshed}`);
    secrets.push(refreshed);
    expect(redactText(`t=${refreshed}`, secrets)).toBe("t=••••efgh");
    secrets[1] = "another-token-ijklmnopq";
    expect(redactText(`t=${refreshed} u=another-token-ijklmnopq`, secrets)).toBe(`t=${refreshed} u=••••nopq`);
  });

  it("keeps masking every encoding when the same secrets are asked about again", () => {
    const secret = "CANARY!HO2(sec)~9999'qqq +*/é";
    const encoded = [
      Buffer.from(secret).toString("base64"),
      encodeURIComponent(secret),
      JSON.stringify(secret),
    ];
    for (let round = 0; round < 3; round++) {
      for (const text of encoded) expect(redactText(text, [secret])).not.toBe(text);
    }
  });

  it("treats regular-expression characters in a secret literally", () => {
    expect(redactText("a.b|c(d)e*f+g?h[i]j{k}l^m$n\\o and aXb", ["a.b|c(d)e*f+g?h[i]j{k}l^m$n\\o"])).toBe(
      "••••$n\\o and aXb",
    );
  });
});

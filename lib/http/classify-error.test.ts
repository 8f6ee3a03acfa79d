import { describe, expect, it } from "vitest";
import { classifyError } from "./classify-error";
import { RequestRefusedError } from "./ssrf-guard";

const context = {
  url: new URL("https://api.example.com/v1"),
  timeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  timedOut: false,
};

function errorWithCode(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe("classifyError", () => {
  it.each([
    ["ENOTFOUND", "dns", "Could not resolve api.example.com: check the URL."],
    ["EAI_AGAIN", "dns", "Could not resolve api.example.com: check the URL."],
    ["ECONNREFUSED", "connect", "Could not connect to api.example.com:443 (connection refused)."],
    ["ECONNRESET", "connect", "Could not connect to api.example.com:443 (connection reset)."],
    ["EHOSTUNREACH", "connect", "Could not connect to api.example.com:443 (host unreachable)."],
    ["UND_ERR_CONNECT_TIMEOUT", "timeout", "Could not connect to api.example.com:443 within 10 s."],
    ["UND_ERR_HEADERS_TIMEOUT", "timeout", "No response from api.example.com within 30 s."],
    ["UND_ERR_BODY_TIMEOUT", "timeout", "No response from api.example.com within 30 s."],
    ["UND_ERR_INVALID_ARG", "invalid-request", "The request is not valid: UND_ERR_INVALID_ARG"],
  ])("classifies %s as %s", (code, kind, message) => {
    expect(classifyError(errorWithCode(code), context)).toEqual({ kind, message });
  });

  it("explains certificate problems", () => {
    const error = errorWithCode("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate");
    expect(classifyError(error, context)).toEqual({
      kind: "tls",
      message: "The TLS certificate of api.example.com is not trusted (self-signed certificate).",
    });
    expect(classifyError(errorWithCode("ERR_TLS_CERT_ALTNAME_INVALID", "wrong name"), context).kind).toBe(
      "tls",
    );
    expect(classifyError(errorWithCode("ERR_SSL_WRONG_VERSION_NUMBER", "wrong version"), context)).toEqual({
      kind: "tls",
      message: "The TLS handshake with api.example.com:443 failed (wrong version).",
    });
  });

  it("looks through causes and the errors of every address tried", () => {
    const wrapped = new Error("fetch failed", { cause: new AggregateError([errorWithCode("ECONNREFUSED")]) });
    expect(classifyError(wrapped, context).kind).toBe("connect");
  });

  it("passes the guard's refusal through", () => {
    const refusal = new RequestRefusedError(
      "Outflow does not send requests to 10.0.0.1 (a private address).",
    );
    expect(classifyError(new Error("connect failed", { cause: refusal }), context)).toEqual({
      kind: "refused-by-policy",
      message: refusal.message,
    });
  });

  it("blames the total timeout once it has fired, whatever undici reports", () => {
    expect(classifyError(errorWithCode("UND_ERR_ABORTED"), { ...context, timedOut: true })).toEqual({
      kind: "timeout",
      message: "No response from api.example.com within 30 s.",
    });
  });

  it("falls back to a network error with the reason", () => {
    expect(classifyError(new Error("something odd"), context)).toEqual({
      kind: "network",
      message: "The request to api.example.com:443 failed (something odd).",
    });
  });
});

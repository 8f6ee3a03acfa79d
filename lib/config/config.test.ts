import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "./index";

const key = Buffer.alloc(32, 7).toString("base64");

describe("parseConfig", () => {
  it("refuses to start in production without secrets, naming each one", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrow(
      /OUTFLOW_SECRET_KEY[\s\S]*OUTFLOW_AUTH_SECRET/,
    );
    expect(() => parseConfig({ NODE_ENV: "production", OUTFLOW_SECRET_KEY: key })).toThrow(
      /without these settings:\n {2}OUTFLOW_AUTH_SECRET/,
    );
  });

  it("generates development secrets once into the data folder and reuses them", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "outflow-config-"));
    const first = parseConfig({ NODE_ENV: "development", OUTFLOW_DATA_DIR: dataDir });
    const second = parseConfig({ NODE_ENV: "development", OUTFLOW_DATA_DIR: dataDir });
    expect(first.encryptionKey).toHaveLength(32);
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
    expect(second.authSecret).toBe(first.authSecret);
    const file = path.join(dataDir, "secrets.json");
    expect(JSON.parse(readFileSync(file, "utf8")).OUTFLOW_AUTH_SECRET).toBe(first.authSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("prefers secrets from the environment", () => {
    const config = parseConfig({
      NODE_ENV: "production",
      OUTFLOW_SECRET_KEY: "ab".repeat(32),
      OUTFLOW_AUTH_SECRET: "x".repeat(40),
      PORT: "4100",
    });
    expect(config.encryptionKey.equals(Buffer.alloc(32, 0xab))).toBe(true);
    expect(config.publicUrl).toBe("http://localhost:4100");
  });

  it("names the setting that is malformed", () => {
    expect(() =>
      parseConfig({ OUTFLOW_SECRET_KEY: "too-short", OUTFLOW_AUTH_SECRET: "x".repeat(40) }),
    ).toThrow(/OUTFLOW_SECRET_KEY: must be 32 bytes/);
    expect(() =>
      parseConfig({
        DATABASE_URL: "mysql://x",
        OUTFLOW_SECRET_KEY: key,
        OUTFLOW_AUTH_SECRET: "x".repeat(40),
      }),
    ).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(() =>
      parseConfig({ PORT: "99999", OUTFLOW_SECRET_KEY: key, OUTFLOW_AUTH_SECRET: "x".repeat(40) }),
    ).toThrow(/PORT/);
  });
});

describe("OUTFLOW_TRUSTED_PROXIES", () => {
  const secrets = { OUTFLOW_SECRET_KEY: key, OUTFLOW_AUTH_SECRET: "x".repeat(40) };

  it("reads addresses and CIDR ranges, trusting none when unset", () => {
    expect(parseConfig(secrets).trustedProxies).toEqual([]);
    expect(
      parseConfig({ ...secrets, OUTFLOW_TRUSTED_PROXIES: " 10.0.0.0/8, ::1 ,192.0.2.7" }).trustedProxies,
    ).toEqual(["10.0.0.0/8", "::1", "192.0.2.7"]);
  });

  it("refuses an entry that is not an address or range, saying what is expected", () => {
    expect(() => parseConfig({ ...secrets, OUTFLOW_TRUSTED_PROXIES: "10.0.0.0/8,proxy.internal" })).toThrow(
      /OUTFLOW_TRUSTED_PROXIES: must be comma-separated IP addresses or CIDR ranges/,
    );
  });
});

describe("empty variables", () => {
  it("treat an empty DATABASE_URL as unset, so the embedded Postgres is used", () => {
    const config = parseConfig({
      DATABASE_URL: "",
      OUTFLOW_SECRET_KEY: key,
      OUTFLOW_AUTH_SECRET: "x".repeat(40),
    });
    expect(config.databaseUrl).toBeUndefined();
  });
});

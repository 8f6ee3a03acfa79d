import path from "node:path";
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { loadOrCreateLocalSecrets } from "./local-secrets";

/** A 32-byte key for AES-256-GCM, given as base64 (e.g. `openssl rand -base64 32`) or 64 hex digits. */
const encryptionKeySchema = z.string().refine((value) => decodeKey(value)?.length === 32, {
  message: "must be 32 bytes, as base64 (openssl rand -base64 32) or 64 hex digits",
});

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  OUTFLOW_DATA_DIR: z.string().default(".data"),
  /** Set by followEmbeddedPostgres for this process and the ones it starts; not a user setting. */
  OUTFLOW_EMBEDDED_POSTGRES_DIR: z.string().optional(),
  OUTFLOW_SECRET_KEY: encryptionKeySchema.optional(),
  /** Keys that sealed older secrets, comma-separated, kept readable while they are re-entered. */
  OUTFLOW_PREVIOUS_SECRET_KEYS: z.string().default(""),
  OUTFLOW_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  OUTFLOW_URL: z.url().optional(),
  OUTFLOW_ALLOWED_HOSTS: z.string().default(""),
  OUTFLOW_INGEST_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  OUTFLOW_RETENTION_DAYS: z.coerce.number().int().min(1, "must be at least 1 (day)").default(30),
  OUTFLOW_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1, "must be at least 1 (day)").default(365),
  /** How many destinations one process delivers for at once (each with its own request concurrency). */
  OUTFLOW_WORKER_CONCURRENCY: z.coerce.number().int().min(1, "must be at least 1").max(64).default(8),
  OUTFLOW_TRUSTED_PROXIES: z
    .string()
    .default("")
    .refine((value) => listOf(value).every(isAddressOrCidr), {
      message: "must be comma-separated IP addresses or CIDR ranges, e.g. 10.0.0.0/8,::1",
    }),
});

export type Config = {
  env: "development" | "production" | "test";
  isProduction: boolean;
  /** Unset when the start scripts are to start the embedded Postgres. */
  databaseUrl: string | undefined;
  /** The embedded cluster whose current port connections go to (see followEmbeddedPostgres). */
  embeddedPostgresDir: string | undefined;
  dataDir: string;
  encryptionKey: Buffer;
  previousEncryptionKeys: Buffer[];
  authSecret: string;
  port: number;
  /** Where users reach Outflow; used in links such as invites. */
  publicUrl: string;
  /**
   * Host names and CIDR ranges that outbound requests may reach even though the SSRF guard
   * would refuse them (e.g. an API on the private network).
   */
  allowedHosts: string[];
  /** The largest body the ingest endpoint accepts, after decompression. */
  ingestMaxBytes: number;
  /** Days the request log and delivered records are kept (lib/delivery/retention.ts). */
  retentionDays: number;
  /** Days audit events are kept (lib/audit/prune-audit-events.ts). */
  auditRetentionDays: number;
  workerConcurrency: number;
  /** Addresses and CIDR ranges of the proxies whose X-Forwarded-For is believed (lib/auth/client-address.ts). */
  trustedProxies: string[];
};

export class ConfigError extends Error {}

let cached: Config | undefined;

/** The one place that reads process.env. Parsed once; a bad value stops the process with its name. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/**
 * Sets DATABASE_URL for this process, for the start scripts that start the embedded Postgres
 * after reading the configuration (and then run a worker in the same process).
 */
export function setDatabaseUrl(url: string): void {
  process.env.DATABASE_URL = url;
  cached = undefined;
}

/**
 * Makes this process, and the processes it starts, connect to the port that the embedded
 * Postgres in `dataDir` serves now rather than the one in DATABASE_URL: when that cluster is
 * started again while this process runs (another `npm start`), it may come up on another port
 * (54329 taken), and a worker that kept the old one would retry it forever.
 */
export function followEmbeddedPostgres(dataDir: string): void {
  process.env.OUTFLOW_EMBEDDED_POSTGRES_DIR = path.resolve(dataDir);
  cached = undefined;
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (`DATABASE_URL=`) means unset, as shells and .env files use it.
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== "")),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Outflow's configuration is invalid:\n${problems.join("\n")}`);
  }
  const values = parsed.data;
  const isProduction = values.NODE_ENV === "production";
  const dataDir = path.resolve(values.OUTFLOW_DATA_DIR);

  let secretKey = values.OUTFLOW_SECRET_KEY;
  let authSecret = values.OUTFLOW_AUTH_SECRET;
  if (isProduction) {
    const missing = [
      secretKey ? null : "OUTFLOW_SECRET_KEY (encrypts credentials; openssl rand -base64 32)",
      authSecret ? null : "OUTFLOW_AUTH_SECRET (signs sessions; openssl rand -base64 32)",
    ].filter((name) => name !== null);
    if (missing.length > 0) {
      throw new ConfigError(
        `Outflow will not start in production without these settings:\n${missing.map((m) => `  ${m}`).join("\n")}`,
      );
    }
  } else if (!secretKey || !authSecret) {
    const local = loadOrCreateLocalSecrets(dataDir);
    secretKey ??= local.OUTFLOW_SECRET_KEY;
    authSecret ??= local.OUTFLOW_AUTH_SECRET;
  }

  return {
    env: values.NODE_ENV,
    isProduction,
    databaseUrl: values.DATABASE_URL,
    embeddedPostgresDir: values.OUTFLOW_EMBEDDED_POSTGRES_DIR,
    dataDir,
    encryptionKey: decodeKey(secretKey as string) as Buffer,
    previousEncryptionKeys: values.OUTFLOW_PREVIOUS_SECRET_KEYS.split(",")
      .map((entry) => decodeKey(entry.trim()))
      .filter((key): key is Buffer => key?.length === 32),
    authSecret: authSecret as string,
    port: values.PORT,
    publicUrl: (values.OUTFLOW_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ""),
    allowedHosts: values.OUTFLOW_ALLOWED_HOSTS.split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
    ingestMaxBytes: values.OUTFLOW_INGEST_MAX_BYTES,
    retentionDays: values.OUTFLOW_RETENTION_DAYS,
    auditRetentionDays: values.OUTFLOW_AUDIT_RETENTION_DAYS,
    workerConcurrency: values.OUTFLOW_WORKER_CONCURRENCY,
    trustedProxies: listOf(values.OUTFLOW_TRUSTED_PROXIES),
  };
}

function listOf(value: string): string[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function isAddressOrCidr(value: string): boolean {
  return value.includes("/") ? ipaddr.isValidCIDR(value) : ipaddr.isValid(value);
}

/** The database URL, which the start scripts always set before the app runs. */
export function requireDatabaseUrl(): string {
  const url = getConfig().databaseUrl;
  if (!url) {
    throw new ConfigError("DATABASE_URL is not set: start Outflow with `npm run dev` or `npm start`.");
  }
  return url;
}

function decodeKey(value: string): Buffer | undefined {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return Buffer.from(value, "base64");
  return undefined;
}

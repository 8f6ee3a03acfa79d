import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const localSecretsSchema = z.object({
  OUTFLOW_SECRET_KEY: z.string(),
  OUTFLOW_AUTH_SECRET: z.string(),
});

export type LocalSecrets = z.infer<typeof localSecretsSchema>;

/**
 * Secrets for development and tests, generated once into the data folder so that
 * `npm run dev` needs no setup and a restart keeps sessions and encrypted values readable.
 * Production never uses this: it must be given its secrets.
 */
export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) {
    return localSecretsSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  }
  const secrets: LocalSecrets = {
    OUTFLOW_SECRET_KEY: randomBytes(32).toString("base64"),
    OUTFLOW_AUTH_SECRET: randomBytes(32).toString("base64"),
  };
  mkdirSync(dataDir, { recursive: true });
  // wx: two processes starting together must not overwrite each other's secrets.
  try {
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return loadOrCreateLocalSecrets(dataDir);
    throw error;
  }
  chmodSync(file, 0o600);
  return secrets;
}

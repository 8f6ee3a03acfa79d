import pg from "pg";

const DUPLICATE_DATABASE = "42P04";

/**
 * Creates database `name` on the server behind `adminUrl` unless it exists; with `recreate`, drops
 * it first (disconnecting its sessions); with `template`, copies that database (which must have no
 * sessions). Returns the URL of the database.
 */
export async function createDatabase(
  adminUrl: string,
  name: string,
  { recreate = false, template }: { recreate?: boolean; template?: string } = {},
): Promise<string> {
  await withClient(adminUrl, async (client) => {
    const database = client.escapeIdentifier(name);
    if (recreate) await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (existing.rowCount) return;
    try {
      const copy = template ? ` TEMPLATE ${client.escapeIdentifier(template)} STRATEGY FILE_COPY` : "";
      await client.query(`CREATE DATABASE ${database}${copy}`);
    } catch (error) {
      // Another process may have created it between the check and the CREATE.
      if (!(error instanceof pg.DatabaseError && error.code === DUPLICATE_DATABASE)) throw error;
    }
  });
  return replaceDatabaseName(adminUrl, name);
}

/** Drops database `name`, ending any sessions still connected to it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
}

/** The same connection URL pointing at another database on that server. */
function replaceDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

async function withClient(url: string, use: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  // Postgres stopping meanwhile must not end the process (this runs again when the app restarts
  // its embedded Postgres): the query in hand rejects with the error instead.
  client.on("error", () => undefined);
  await client.connect();
  try {
    await use(client);
  } finally {
    await client.end();
  }
}

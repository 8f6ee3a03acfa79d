import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDatabase } from "./create-database";
import { type RunningEmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations, createMigration } from "./migrate";

const projectMigrations = path.resolve("prisma/migrations");
const projectSchema = path.resolve("prisma/schema.prisma");
const dataDir = path.resolve(`.data/test-migrate-${process.pid}`);

let postgres: RunningEmbeddedPostgres;
let workDir: string;
let migrationsDir: string;
let schemaPath: string;
let databaseUrl: string;

beforeAll(async () => {
  postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
});

afterAll(async () => {
  await postgres?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

// Each test works on copies of the project's migrations and schema, against a new database.
beforeEach(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "outflow-migrate-"));
  migrationsDir = path.join(workDir, "migrations");
  schemaPath = path.join(workDir, "schema.prisma");
  await cp(projectMigrations, migrationsDir, { recursive: true });
  await cp(projectSchema, schemaPath);
  databaseUrl = await createDatabase(postgres.url, "migrate_test", { recreate: true });
});

afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe("applyMigrations", () => {
  it("applies every migration once and records it as the Prisma CLI does", async () => {
    const folders = await migrationFolders();
    expect(folders.length).toBeGreaterThan(0);

    expect(await applyMigrations(databaseUrl, { migrationsDir, schemaPath })).toEqual(folders);
    expect(await applyMigrations(databaseUrl, { migrationsDir, schemaPath })).toEqual([]);

    const rows = await query<MigrationRow>(
      databaseUrl,
      `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
       FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(folders);
    for (const row of rows) {
      const sql = await readFile(path.join(migrationsDir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("runs a migration as one script, so `;` inside function bodies and strings survives", async () => {
    await addMigration(
      "29990101000000_touch_trigger",
      `CREATE TABLE notes (body text);
CREATE FUNCTION stamp_note() RETURNS trigger AS $$
BEGIN
  NEW.body := NEW.body || '; stamped';
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER notes_stamp BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION stamp_note();
`,
    );
    await applyMigrations(databaseUrl, { migrationsDir, schemaPath });

    await query(databaseUrl, "INSERT INTO notes VALUES ('hello')");
    expect(await query(databaseUrl, "SELECT body FROM notes")).toEqual([{ body: "hello; stamped" }]);
  });

  it("reports a failed migration, rolls its statements back and refuses to go past it", async () => {
    await addMigration(
      "29990101000000_broken",
      "CREATE TABLE half_done (id int);\nSELECT * FROM missing_table;\n",
    );

    await expect(applyMigrations(databaseUrl, { migrationsDir, schemaPath })).rejects.toThrow(
      /Migration '29990101000000_broken' failed[\s\S]*missing_table/,
    );
    expect(await query(databaseUrl, "SELECT to_regclass('half_done') AS found")).toEqual([{ found: null }]);
    await expect(applyMigrations(databaseUrl, { migrationsDir, schemaPath })).rejects.toThrow(
      /'29990101000000_broken' failed earlier[\s\S]*rolled_back_at/,
    );
  });
});

describe("createMigration", () => {
  it("writes nothing when the schema matches the migrations", async () => {
    const lines: string[] = [];
    const before = await readdir(migrationsDir);

    const result = await createMigration(databaseUrl, "nothing", {
      migrationsDir,
      schemaPath,
      log: (line) => lines.push(line),
    });

    expect(result).toEqual({ dir: null, sql: "" });
    expect(lines).toContain("No schema changes");
    expect(await readdir(migrationsDir)).toEqual(before);
  });

  it("writes a migration for a changed schema that then applies", async () => {
    const latest = (await migrationFolders()).at(-1) ?? "";
    await writeFile(
      schemaPath,
      `${await readFile(schemaPath, "utf8")}
model TestWidget {
  id    Int    @id @default(autoincrement())
  label String

  @@map("test_widgets")
}
`,
    );

    const { dir, sql } = await createMigration(databaseUrl, "Add test widgets", {
      migrationsDir,
      schemaPath,
    });

    expect(sql).toContain('CREATE TABLE "test_widgets"');
    const folder = path.basename(dir ?? "");
    expect(folder).toMatch(/^\d{14}_add_test_widgets$/);
    expect(folder > latest).toBe(true);
    expect(await readFile(path.join(migrationsDir, folder, "migration.sql"), "utf8")).toBe(sql);

    const applied = await applyMigrations(databaseUrl, { migrationsDir, schemaPath });
    expect(applied.at(-1)).toBe(folder);
    await query(databaseUrl, "INSERT INTO test_widgets (label) VALUES ('first')");
    expect(await createMigration(databaseUrl, "again", { migrationsDir, schemaPath })).toEqual({
      dir: null,
      sql: "",
    });
  });

  it("dates a new migration after the newest folder, even one dated in the future", async () => {
    await addMigration("29990101000000_from_the_future", "SELECT 1;\n");
    await writeFile(schemaPath, `${await readFile(schemaPath, "utf8")}\nmodel Later {\n  id Int @id\n}\n`);

    const { dir } = await createMigration(databaseUrl, "later", { migrationsDir, schemaPath });

    expect(path.basename(dir ?? "")).toBe("29990101000001_later");
  });
});

type MigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
};

async function migrationFolders(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function addMigration(name: string, sql: string): Promise<void> {
  await mkdir(path.join(migrationsDir, name));
  await writeFile(path.join(migrationsDir, name, "migration.sql"), sql);
}

async function query<Row = Record<string, unknown>>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

import path from "node:path";
import type { SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { readMigrationsList, toSnakeCase, withPostgresLockfile, writeMigration } from "./migrations-folder";
import { openSchemaEngine } from "./schema-engine";

export type MigrateOptions = {
  /** Defaults to `prisma/migrations` under the working directory. */
  migrationsDir?: string;
  /** Defaults to `prisma/schema.prisma` under the working directory. */
  schemaPath?: string;
  log?: (line: string) => void;
};

export type CreateMigrationOptions = MigrateOptions & {
  /** Clock for the folder's timestamp. */
  now?: Date;
};

const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };
// With `exitCode: true`, diff reports 2 when the two sides differ (as `prisma migrate diff --exit-code`).
const DIFF_HAS_CHANGES = 2;

/**
 * Applies every migration in the migrations folder not yet recorded in `_prisma_migrations`,
 * exactly as `prisma migrate deploy` does. Returns the names applied (empty when up to date).
 */
export async function applyMigrations(databaseUrl: string, options: MigrateOptions = {}): Promise<string[]> {
  const { migrationsDir, schemaPath, log } = resolveOptions(options);
  const migrationsList = await readMigrationsList(migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) {
    log(`No migrations found in ${migrationsDir}`);
    return [];
  }
  const schemaEngine = await openSchemaEngine(databaseUrl, schemaPath);
  try {
    const { failedMigrationNames } = await schemaEngine.engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    });
    if (failedMigrationNames.length > 0) throw new Error(describeFailedMigrations(failedMigrationNames));
    const { appliedMigrationNames } = await schemaEngine.engine
      .applyMigrations({ migrationsList, filters: NO_FILTERS })
      .catch((error: unknown) => Promise.reject(describeApplyFailure(error)));
    for (const name of appliedMigrationNames) log(`Applied ${name}`);
    if (appliedMigrationNames.length === 0) log("Database is up to date");
    return appliedMigrationNames;
  } finally {
    await schemaEngine.close();
  }
}

/**
 * Diffs the existing migrations (replayed on a temporary shadow database) against the Prisma
 * schema and writes the difference as a new migration folder. `dir` is null when nothing changed.
 */
export async function createMigration(
  databaseUrl: string,
  name: string,
  options: CreateMigrationOptions = {},
): Promise<{ dir: string | null; sql: string }> {
  const { migrationsDir, schemaPath, log } = resolveOptions(options);
  const folderName = toSnakeCase(name);
  const migrationsList = await readMigrationsList(migrationsDir);
  const schemaEngine = await openSchemaEngine(databaseUrl, schemaPath);
  try {
    // `diff` rather than the engine's createMigration: the latter only takes a shadow database
    // configured inside the engine, which the WASM build cannot open; `diff` uses the adapter's.
    const { exitCode, stdout } = await schemaEngine.engine.diff({
      // Replaying the history, even an empty one, on a shadow database keeps the output identical
      // to `prisma migrate dev`; diffing from `empty` would also emit CREATE SCHEMA "public".
      from: { tag: "migrations", ...withPostgresLockfile(migrationsList) },
      to: { tag: "schemaDatamodel", files: schemaEngine.schemaFiles },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    if (exitCode !== DIFF_HAS_CHANGES || !stdout) {
      log("No schema changes");
      return { dir: null, sql: "" };
    }
    const dir = await writeMigration(migrationsList, folderName, stdout, options.now ?? new Date());
    log(`Created ${path.relative(process.cwd(), dir) || dir}`);
    return { dir, sql: stdout };
  } finally {
    await schemaEngine.close();
  }
}

function resolveOptions(options: MigrateOptions): Required<MigrateOptions> {
  return {
    migrationsDir: path.resolve(options.migrationsDir ?? path.join("prisma", "migrations")),
    schemaPath: path.resolve(options.schemaPath ?? path.join("prisma", "schema.prisma")),
    log: options.log ?? (() => {}),
  };
}

function describeFailedMigrations(names: string[]): string {
  const list = names.map((name) => `'${name}'`).join(", ");
  return `Migration ${list} failed earlier and is recorded as failed in _prisma_migrations (see its logs column).\n${resolveHint(list)}`;
}

function describeApplyFailure(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const failed = /migration_name="([^"]+)"/.exec(error.message)?.[1];
  if (!failed) return error;
  return new Error(
    `Migration '${failed}' failed; it is recorded as failed in _prisma_migrations.\n${withoutSpanTrace(error.message)}\n${resolveHint(`'${failed}'`)}`,
    { cause: error },
  );
}

function resolveHint(quotedNames: string): string {
  return [
    "Migrations stop here until it is resolved: undo whatever part of it ran, fix it, then mark it",
    `rolled back so the next run retries it: UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name IN (${quotedNames}) AND finished_at IS NULL;`,
  ].join("\n");
}

// The engine appends a Rust span trace ("   0: module::fn", "with …", "at file.rs:1") to messages.
function withoutSpanTrace(message: string): string {
  return message
    .split("\n")
    .filter((line) => !/^\s+(\d+: |with |at )/.test(line))
    .join("\n")
    .trim();
}

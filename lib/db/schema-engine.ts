import { readFile } from "node:fs/promises";
import path from "node:path";
import type { SchemaContainer, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { explainPanic, loadSchemaEngineWasm } from "./load-schema-engine-wasm";
import { createMigrationAdapter, createMigrationPool } from "./schema-engine-adapter";

export type OpenSchemaEngine = {
  engine: SchemaEngine;
  /** The Prisma schema the engine was opened with, in the shape its `schema` inputs take. */
  schemaFiles: SchemaContainer[];
  /** Frees the engine, drops leftover shadow databases and ends the pool. Idempotent. */
  close(): Promise<void>;
};

/**
 * Opens Prisma's WASM schema engine on `databaseUrl` through the pg driver adapter. Close it
 * before stopping Postgres, or the server logs terminated connections and the process exits late.
 */
export async function openSchemaEngine(databaseUrl: string, schemaPath: string): Promise<OpenSchemaEngine> {
  const absoluteSchemaPath = path.resolve(schemaPath);
  const schemaFiles = [{ path: absoluteSchemaPath, content: await readFile(absoluteSchemaPath, "utf8") }];
  const SchemaEngineClass = await loadSchemaEngineWasm();
  const pool = createMigrationPool(databaseUrl);
  const adapter = createMigrationAdapter(pool, databaseUrl);

  let engine: SchemaEngine;
  try {
    engine = await SchemaEngineClass.new(
      { datamodels: schemaFiles.map((file): [string, string] => [file.path, file.content]) },
      () => {},
      adapter.factory,
    );
  } catch (error) {
    await pool.end();
    throw explainPanic(error);
  }

  let closing: Promise<void> | undefined;
  const close = async () => {
    try {
      engine.free();
    } catch {
      // After a panic the instance is unusable and free() throws too; the pool still needs ending.
    }
    await adapter.settle();
    await pool.end();
  };
  return {
    engine: explainingPanics(engine),
    schemaFiles,
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}

function explainingPanics(engine: SchemaEngine): SchemaEngine {
  return new Proxy(engine, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function" || property === "free") return value;
      return (...args: unknown[]) => {
        try {
          const result: unknown = value.apply(target, args);
          return result instanceof Promise
            ? result.catch((error: unknown) => Promise.reject(explainPanic(error)))
            : result;
        } catch (error) {
          throw explainPanic(error);
        }
      };
    },
  });
}

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";

export type SchemaEngineClass = typeof glue.SchemaEngine;

type PanicRegistry = { set_message(message: string): void; get(): string };

// The package's main entry imports the .wasm file as an ES module, which Node rejects; the
// bindgen glue plus the bytes read from disk is the loading path that works everywhere.
const GLUE_MODULE = "./schema_engine_bg.js";

let loading: Promise<SchemaEngineClass> | undefined;
let panicMessage: string | undefined;

/** Instantiates the WASM schema engine once per process; engines share the instance. */
export function loadSchemaEngineWasm(): Promise<SchemaEngineClass> {
  if (panicMessage !== undefined) {
    // A panic leaves the shared instance unusable, and the glue module cannot be re-instantiated.
    return Promise.reject(
      new Error(`The Prisma schema engine panicked earlier in this process: ${panicMessage}`),
    );
  }
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * Turns the opaque `RuntimeError: unreachable` a Rust panic raises into an error carrying the
 * panic's message; other errors pass through unchanged.
 */
export function explainPanic(error: unknown): unknown {
  if (!(error instanceof WebAssembly.RuntimeError)) return error;
  const registry = (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry }).PRISMA_WASM_PANIC_REGISTRY;
  const message = registry?.get();
  if (!message) return error;
  panicMessage = message;
  return new Error(`The Prisma schema engine panicked: ${message}`, { cause: error });
}

async function instantiate(): Promise<SchemaEngineClass> {
  installPanicRegistry();
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { [GLUE_MODULE]: buildImports() });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue.SchemaEngine;
}

function buildImports(): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = { ...glue };
  // The engine arms timers it never clears; left referenced they keep every script alive ~10 s.
  for (const name of Object.keys(imports)) {
    if (name.startsWith("__wbg_setTimeout_")) imports[name] = setUnrefTimeout;
  }
  return imports;
}

function setUnrefTimeout(callback: () => void, ms: number): NodeJS.Timeout {
  return setTimeout(callback, ms >>> 0).unref();
}

// Without this global a Rust panic surfaces as an unrelated TypeError and its message is lost.
function installPanicRegistry(): void {
  const holder = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
  if (holder.PRISMA_WASM_PANIC_REGISTRY) return;
  let message = "";
  holder.PRISMA_WASM_PANIC_REGISTRY = {
    set_message(next: string) {
      message = next;
      // A panic inside the engine's async work escapes as an uncaught `RuntimeError: unreachable`
      // that never reaches explainPanic; printing here is the only way its reason is seen.
      console.error(`Prisma schema engine panic: ${next}`);
    },
    get() {
      return message;
    },
  };
}

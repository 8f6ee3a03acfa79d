/**
 * The REST API's route handlers (app/api/v1/**\/route.ts) served over real HTTP, as Next serves
 * them: each request is matched to its route file, and the handler exported for its method is
 * called with the standard Request and the path's parameters. Also lists the routes, so a test can
 * hold the OpenAPI document to them.
 */
import { readdirSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const API_DIR = path.join(process.cwd(), "app", "api", "v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type RouteFile = { file: string; pattern: RegExp; params: string[]; path: string };

/** Every route file under app/api/v1, with its URL path in OpenAPI's form (`{datasetId}`). */
export function apiRouteFiles(): RouteFile[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") files.push(full);
    }
  };
  walk(API_DIR);
  return files.map((file) => {
    const segments = path.relative(API_DIR, path.dirname(file)).split(path.sep).filter(Boolean);
    const params = segments.flatMap((segment) => /^\[(\w+)\]$/.exec(segment)?.slice(1) ?? []);
    const source = segments.map((segment) =>
      /^\[\w+\]$/.test(segment) ? "([^/]+)" : segment.replace(/\./g, "\\."),
    );
    return {
      file,
      params,
      pattern: new RegExp(`^/api/v1/${source.join("/")}$`),
      path: `/api/v1/${segments.map((segment) => segment.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`,
    };
  });
}

/** The methods a route file answers with a handler of its own (not a shared 405). */
export async function routeMethods(file: string): Promise<string[]> {
  const module = (await import(file)) as Record<string, unknown>;
  const methods = METHODS.filter((method) => typeof module[method] === "function");
  // The ingest route answers its other methods with one "405 Method Not Allowed" function.
  const shared = methods.filter((method) =>
    methods.some((other) => other !== method && module[other] === module[method]),
  );
  return methods.filter((method) => !shared.includes(method));
}

export type ApiServer = { url: string; close(): Promise<void> };

export async function startApiServer(): Promise<ApiServer> {
  // As Next matches them: a static segment before a dynamic one (…/failed-records/retry before
  // …/failed-records/[failedRecordId]).
  const routes = apiRouteFiles().sort((a, b) => a.params.length - b.params.length);
  const server: Server = createServer(async (incoming, outgoing) => {
    try {
      const url = new URL(incoming.url ?? "/", "http://localhost");
      const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
      const module = route ? ((await import(route.file)) as Record<string, unknown>) : undefined;
      const handler = module?.[incoming.method ?? "GET"];
      if (!route || typeof handler !== "function") {
        outgoing.writeHead(404).end();
        return;
      }
      const values = route.pattern.exec(url.pathname)?.slice(1) ?? [];
      const params = Object.fromEntries(
        route.params.map((name, i) => [name, decodeURIComponent(values[i] ?? "")]),
      );
      const response = (await handler(await toRequest(incoming, url), {
        params: Promise.resolve(params),
      })) as Response;
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      console.error(error);
      outgoing.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function toRequest(incoming: IncomingMessage, url: URL): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  return new Request(url, { method: incoming.method, headers, body });
}

/**
 * The shared core of the fake vendor APIs: a real node:http server on 127.0.0.1 that records every
 * request, can be told to fail the next requests, and hands the rest to the fake's route table.
 * Tests talk to it over real HTTP; nothing in the client under test is mocked.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** The path as sent, still percent-encoded. */
  path: string;
  /** Query parameters; a repeated name keeps its last value. */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The raw body text ("" when there was none). */
  body: string;
  receivedAt: Date;
  /** The status the fake answered with, set once the answer is chosen. */
  status?: number;
}

export interface FakeReply {
  status: number;
  /** Serialized as JSON; leave undefined for an empty body (e.g. 204). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RequestMatch {
  method?: string;
  /** An exact path, or a pattern tested against the path. */
  path?: string | RegExp;
}

export interface InjectedFailure extends FakeReply {
  /** Only requests matching this are failed; others pass through and do not use up the count. */
  match?: RequestMatch;
}

export type Handler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeServer {
  /** Origin of the server, e.g. `http://127.0.0.1:51234` (no trailing slash). */
  url: string;
  requests: RecordedRequest[];
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** The next `count` requests (that match `failure.match`, if given) get this answer instead. */
  failNext(count: number, failure: InjectedFailure): void;
  close(): Promise<void>;
}

export function json(status: number, body?: unknown, headers?: Record<string, string>): FakeReply {
  return { status, body, headers };
}

export function matches(request: RecordedRequest, match: RequestMatch | undefined): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== request.method) return false;
  if (typeof match.path === "string") return match.path === request.path;
  if (match.path instanceof RegExp) return match.path.test(request.path);
  return true;
}

export async function startFakeServer(name: string, handle: Handler): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const failures: { remaining: number; failure: InjectedFailure }[] = [];
  const waiters = new Set<() => void>();

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = new URL(req.url ?? "/", "http://fake.invalid");
    const request: RecordedRequest = {
      method: req.method ?? "GET",
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
      receivedAt: new Date(),
    };
    requests.push(request);
    for (const wake of waiters) wake();

    let reply: FakeReply;
    const injected = failures.find((entry) => matches(request, entry.failure.match));
    if (injected) {
      injected.remaining -= 1;
      if (injected.remaining <= 0) failures.splice(failures.indexOf(injected), 1);
      reply = injected.failure;
    } else {
      try {
        reply = await handle(request);
      } catch (error) {
        reply = json(500, { message: `fake ${name} crashed: ${String(error)}` });
      }
    }
    request.status = reply.status;
    const headers: Record<string, string> = { ...reply.headers };
    const text = reply.body === undefined ? undefined : JSON.stringify(reply.body);
    if (text !== undefined) headers["content-type"] ??= "application/json; charset=utf-8";
    res.writeHead(reply.status, headers);
    res.end(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitForRequests(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(requests.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`fake ${name}: expected ${count} requests, got ${requests.length} in ${timeoutMs} ms`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    failNext(count, failure) {
      if (count > 0) failures.push({ remaining: count, failure });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A route table entry: method, a path pattern (groups become params), and its handler. */
export type Route = [
  method: string,
  path: RegExp,
  handle: (request: RecordedRequest, params: string[]) => FakeReply | Promise<FakeReply>,
];

/** Runs the first route whose method and path match; `fallback` answers when none does. */
export function dispatch(routes: Route[], request: RecordedRequest, fallback: () => FakeReply) {
  for (const [method, pattern, handle] of routes) {
    const found = pattern.exec(request.path);
    if (found && method === request.method) return handle(request, found.slice(1));
  }
  return fallback();
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false };

export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function isJsonRequest(request: RecordedRequest): boolean {
  return /^application\/json\b/i.test(request.headers["content-type"] ?? "");
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 7235). */
export function bearerToken(request: RecordedRequest): string | undefined {
  return /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
}

/**
 * A sliding-window limiter: at most `requests` accepted per key in any `windowMs`. Rejected
 * requests do not count, so a client that waits Retry-After seconds gets through.
 */
export function createRateLimiter(limit: { requests: number; windowMs: number }) {
  const accepted = new Map<string, number[]>();
  return {
    /** 0 when the request may go ahead, else the whole seconds until it may be retried. */
    take(key: string, now = Date.now()): number {
      const recent = (accepted.get(key) ?? []).filter((at) => at > now - limit.windowMs);
      accepted.set(key, recent);
      const oldest = recent[0];
      if (recent.length >= limit.requests && oldest !== undefined) {
        return Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000));
      }
      recent.push(now);
      return 0;
    },
  };
}

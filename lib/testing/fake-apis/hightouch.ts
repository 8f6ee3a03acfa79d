/**
 * A fake Hightouch REST API (`/api/v1`), built to Hightouch's swagger.
 * Typed errors follow the official swagger: 409/422 `{"message":"Validation failed","details":{}}`.
 * The 401, 404 and 429 bodies are invented (the spec gives them no type), as is 404 for an unknown
 * sync on trigger (the spec lists only 400/401/422).
 */
import {
  bearerToken,
  createRateLimiter,
  dispatch,
  type FakeReply,
  type FakeServer,
  isJsonRequest,
  isObject,
  json,
  parseJson,
  type RecordedRequest,
  type RequestMatch,
  type Route,
  startFakeServer,
} from "./fake-server";

export interface FakeHightouchOptions {
  apiKey: string;
  workspaceId?: number;
  /** Syncs that exist, for the trigger endpoints. */
  syncs?: { id: number | string; slug: string }[];
  /** Per API key; Hightouch documents 200 requests per 10 seconds. */
  rateLimit?: { requests: number; windowMs: number };
}

export type HightouchSource = {
  id: number;
  name: string;
  slug: string;
  type: string;
  configuration: Record<string, unknown>;
  workspaceId: number;
  createdAt: string;
  updatedAt: string;
};
export type HightouchModel = Record<string, unknown> & { id: number; slug: string };
export interface HightouchSyncRun {
  id: string;
  syncId: string;
  fullResync: boolean;
  resetCDC: boolean;
}

export interface FakeHightouch extends FakeServer {
  sources: HightouchSource[];
  models: HightouchModel[];
  /** Every accepted trigger, in order. */
  syncRuns: HightouchSyncRun[];
  rateLimitNext(count: number, retryAfterSeconds?: number, match?: RequestMatch): void;
}

const QUERY_OBJECT: Record<string, string> = {
  raw_sql: "raw",
  table: "table",
  dbt: "dbt",
  custom: "custom",
  visual: "visual",
};

type Details = Record<string, string>;
const validationFailed = (status: 409 | 422, details: Details) =>
  json(status, { message: "Validation failed", details });
const tooManyRequests = (retryAfterSeconds: number) =>
  json(429, { message: "Too many requests" }, { "retry-after": String(retryAfterSeconds) });
const notFound = (what: string) => json(404, { message: `${what} not found` });

export async function startFakeHightouch(options: FakeHightouchOptions): Promise<FakeHightouch> {
  const workspaceId = options.workspaceId ?? 42;
  const limiter = createRateLimiter(options.rateLimit ?? { requests: 200, windowMs: 10_000 });
  const syncs = (options.syncs ?? []).map((sync) => ({ id: String(sync.id), slug: sync.slug }));
  const sources: HightouchSource[] = [];
  const models: HightouchModel[] = [];
  const syncRuns: HightouchSyncRun[] = [];
  let nextId = 1000;

  function listSources(request: RecordedRequest): FakeReply {
    const { limit = "100", offset = "0", name, slug } = request.query;
    if (!/^\d+$/.test(limit) || !/^\d+$/.test(offset)) {
      return validationFailed(422, { limit: "limit and offset must be non-negative integers" });
    }
    const found = sources.filter(
      (s) => (name === undefined || s.name === name) && (slug === undefined || s.slug === slug),
    );
    return json(200, { data: found.slice(Number(offset), Number(offset) + Number(limit)) });
  }

  function getSource(_request: RecordedRequest, [id]: string[]): FakeReply {
    const source = sources.find((s) => String(s.id) === id);
    return source ? json(200, source) : notFound("Source");
  }

  function createSource(body: Record<string, unknown>): FakeReply {
    const details: Details = {};
    for (const field of ["name", "slug", "type"]) {
      if (typeof body[field] !== "string" || body[field] === "") details[field] = `${field} is required`;
    }
    if (!isObject(body.configuration)) details.configuration = "configuration is required";
    if (Object.keys(details).length > 0) return validationFailed(422, details);
    if (sources.some((s) => s.slug === body.slug)) {
      return validationFailed(409, { slug: `A source with slug "${body.slug}" already exists` });
    }
    const now = new Date().toISOString();
    const source: HightouchSource = {
      id: nextId++,
      name: body.name as string,
      slug: body.slug as string,
      type: body.type as string,
      configuration: body.configuration as Record<string, unknown>,
      workspaceId,
      createdAt: now,
      updatedAt: now,
    };
    sources.push(source);
    return json(200, source);
  }

  function createModel(body: Record<string, unknown>): FakeReply {
    const details: Details = {};
    for (const field of ["name", "slug", "primaryKey"]) {
      if (typeof body[field] !== "string" || body[field] === "") details[field] = `${field} is required`;
    }
    if (typeof body.sourceId !== "number") details.sourceId = "sourceId must be a number";
    else if (!sources.some((s) => s.id === body.sourceId))
      details.sourceId = `Source ${body.sourceId} not found`;
    if (typeof body.isSchema !== "boolean") details.isSchema = "isSchema must be a boolean";
    const queryType = typeof body.queryType === "string" ? body.queryType : undefined;
    const queryKey = queryType ? QUERY_OBJECT[queryType] : undefined;
    if (!queryKey) {
      details.queryType = `queryType must be one of ${Object.keys(QUERY_OBJECT).join(", ")}`;
    } else {
      const problem = checkQueryObject(queryType as string, body[queryKey]);
      if (problem) details[queryKey] = problem;
    }
    if (Object.keys(details).length > 0) return validationFailed(422, details);
    if (models.some((m) => m.slug === body.slug)) {
      return validationFailed(409, { slug: `A model with slug "${body.slug}" already exists` });
    }
    const now = new Date().toISOString();
    const model: HightouchModel = {
      ...body,
      id: nextId++,
      slug: body.slug as string,
      syncs: [],
      tags: {},
      workspaceId,
      createdAt: now,
      updatedAt: now,
    };
    models.push(model);
    return json(200, model);
  }

  function triggerSync(
    syncId: string | undefined,
    syncSlug: string | undefined,
    body: Record<string, unknown>,
  ) {
    const details: Details = {};
    for (const flag of ["fullResync", "resetCDC"]) {
      if (body[flag] !== undefined && typeof body[flag] !== "boolean")
        details[flag] = `${flag} must be a boolean`;
    }
    if (Object.keys(details).length > 0) return validationFailed(422, details);
    const sync = syncs.find((s) => (syncId !== undefined ? s.id === syncId : s.slug === syncSlug));
    if (!sync) return notFound("Sync");
    const run = {
      id: String(nextId++),
      syncId: sync.id,
      fullResync: body.fullResync === true,
      resetCDC: body.resetCDC === true,
    };
    syncRuns.push(run);
    return json(200, { id: run.id });
  }

  function triggerByBody(body: Record<string, unknown>): FakeReply {
    const { syncId, syncSlug } = body;
    if (syncId === undefined && syncSlug === undefined) {
      return validationFailed(422, { syncId: "One of syncId or syncSlug is required" });
    }
    if (syncId !== undefined && typeof syncId !== "string" && typeof syncId !== "number") {
      return validationFailed(422, { syncId: "syncId must be a string" });
    }
    if (syncSlug !== undefined && typeof syncSlug !== "string") {
      return validationFailed(422, { syncSlug: "syncSlug must be a string" });
    }
    return triggerSync(syncId === undefined ? undefined : String(syncId), syncSlug, body);
  }

  /** Parses a JSON object body; an empty body counts as `{}` (trigger bodies are optional). */
  const withBody =
    (handle: (body: Record<string, unknown>, params: string[]) => FakeReply) =>
    (request: RecordedRequest, params: string[]): FakeReply => {
      if (request.body === "") return handle({}, params);
      const parsed = parseJson(request.body);
      if (!isJsonRequest(request) || !parsed.ok || !isObject(parsed.value)) {
        return json(400, { message: "Request body must be a JSON object sent as application/json" });
      }
      return handle(parsed.value, params);
    };

  const routes: Route[] = [
    ["GET", /^\/api\/v1\/sources$/, listSources],
    ["GET", /^\/api\/v1\/sources\/([^/]+)$/, getSource],
    ["POST", /^\/api\/v1\/sources$/, withBody(createSource)],
    ["POST", /^\/api\/v1\/models$/, withBody(createModel)],
    ["POST", /^\/api\/v1\/syncs\/trigger$/, withBody(triggerByBody)],
    [
      "POST",
      /^\/api\/v1\/syncs\/([^/]+)\/trigger$/,
      withBody((body, [id]) => triggerSync(id, undefined, body)),
    ],
  ];

  const server = await startFakeServer("hightouch", (request) => {
    const key = bearerToken(request);
    if (key !== options.apiKey) return json(401, { message: "Unauthorized" });
    const retryAfter = limiter.take(key);
    if (retryAfter > 0) return tooManyRequests(retryAfter);
    return dispatch(routes, request, () => notFound(`Route ${request.method} ${request.path}`));
  });

  return {
    ...server,
    sources,
    models,
    syncRuns,
    rateLimitNext(count: number, retryAfterSeconds = 1, match?: RequestMatch) {
      server.failNext(count, { ...tooManyRequests(retryAfterSeconds), match });
    },
  };
}

function checkQueryObject(queryType: string, value: unknown): string | undefined {
  if (!isObject(value)) return `an object is required for queryType ${queryType}`;
  const nonEmptyString = (v: unknown) => typeof v === "string" && v.trim() !== "";
  switch (queryType) {
    case "raw_sql":
      return nonEmptyString(value.sql) ? undefined : "raw.sql is required";
    case "table":
      return nonEmptyString(value.name) ? undefined : "table.name is required";
    case "dbt":
      return typeof value.modelId === "number" ? undefined : "dbt.modelId must be a number";
    case "custom":
      return value.query !== undefined ? undefined : "custom.query is required";
    default:
      return undefined; // visual: {filter, parentId, primaryLabel, secondaryLabel}, all opaque here
  }
}

/**
 * A fake FullStory Server API v2 (https://api.fullstory.com), built to FullStory's spec. Errors are always `{message, code}`; the message
 * texts quoted in the spec are used where it gives them, the rest (and the 409 for a webhook URL
 * registered twice, and requiring some identification on an event) are the fake's own.
 */
import {
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
import {
  type BatchJob,
  type BatchKind,
  type BatchTiming,
  createBatchJobs,
  type FullStoryError,
  MAX_BATCH_REQUESTS,
} from "./fullstory-batch";
import {
  checkEvent,
  checkUserFields,
  checkWebhook,
  type FullStoryUser,
  type FullStoryWebhook,
} from "./fullstory-rules";

export interface FakeFullStoryOptions {
  apiKey: string;
  /** When batch jobs finish: after this many status polls (default 1) or after a delay. */
  batchJobs?: BatchTiming;
}

export interface FakeFullStory extends FakeServer {
  /** Users by FullStory id. */
  users: Map<string, FullStoryUser>;
  /** Events accepted by `POST /v2/events` or a finished batch, in order. */
  events: Record<string, unknown>[];
  batchJobs: Map<string, BatchJob>;
  webhooks: Map<string, FullStoryWebhook>;
  /** Finishes every PROCESSING batch job now. */
  completeBatchJobs(): void;
  /** The next `count` matching requests get the documented 429 with `Retry-After`. */
  rateLimitNext(count: number, retryAfterSeconds?: number, match?: RequestMatch): void;
}

const fail = (status: number, error: FullStoryError, headers?: Record<string, string>) =>
  json(status, error, headers);
const badRequest = (message: string, code = "invalid_argument") => fail(400, { message, code });
const NOT_FOUND = { message: "Requested resource does not exist", code: "resource_not_found" };
const UNAUTHORIZED = { message: "access is unauthorized", code: "unauthorized" };
const TOO_MANY = {
  message: "Too many requests. Client has exceeded the rate limit for this endpoint.",
  code: "too_many_requests",
};

export async function startFakeFullStory(options: FakeFullStoryOptions): Promise<FakeFullStory> {
  const users = new Map<string, FullStoryUser>();
  const events: Record<string, unknown>[] = [];
  const webhooks = new Map<string, FullStoryWebhook>();
  const idempotent = new Map<string, FakeReply>();
  let nextUserId = 987_654_321;

  const userView = (user: FullStoryUser) => ({
    ...user,
    is_being_deleted: false,
    app_url: `https://app.fullstory.com/ui/o-FAKE-na1/people/user/${user.id}`,
  });

  /** Upsert keyed on uid (or on `target`, the user an update or a batch item's `id` names). */
  function upsertUser(body: Record<string, unknown>, target?: FullStoryUser): FullStoryUser {
    const uid = typeof body.uid === "string" ? body.uid : undefined;
    const byUid = uid === undefined ? undefined : [...users.values()].find((u) => u.uid === uid);
    const user = target ?? byUid ?? { id: String(nextUserId++), properties: {} };
    if (uid !== undefined) user.uid = uid;
    if (typeof body.display_name === "string") user.display_name = body.display_name;
    if (typeof body.email === "string") user.email = body.email;
    if (isObject(body.properties)) user.properties = { ...user.properties, ...body.properties };
    users.set(user.id, user);
    return user;
  }

  // [FS-EVENTS-SPEC]: with shared.context set, an event carrying its own context fails to import.
  const sharedContextConflicts = new WeakSet<object>();
  const batches = createBatchJobs(options.batchJobs ?? {}, (kind, item) => {
    const error = kind === "users" ? checkUserFields(item) : checkEvent(item);
    if (error || !isObject(item))
      return { error: error ?? { message: "not an object", code: "invalid_argument" } };
    if (sharedContextConflicts.has(item)) {
      return {
        error: { message: "context cannot be set when shared.context is set", code: "invalid_argument" },
      };
    }
    if (kind === "users") {
      const target = typeof item.id === "string" ? users.get(item.id) : undefined;
      return { imported: userView(upsertUser(item, target)) };
    }
    events.push(item);
    return { imported: item };
  });

  function listUsers(request: RecordedRequest): FakeReply {
    const { uid, email, display_name, is_identified } = request.query;
    const found = [...users.values()].filter(
      (u) =>
        (uid === undefined || u.uid === uid) &&
        (email === undefined || u.email === email) &&
        (display_name === undefined || u.display_name === display_name) &&
        (is_identified === undefined || String(u.uid !== undefined) === is_identified),
    );
    return json(200, { results: found.map(userView), total_records: String(found.length) });
  }

  function createUser(body: Record<string, unknown>): FakeReply {
    const error = checkUserFields(body);
    return error ? fail(400, error) : json(200, { id: upsertUser(body).id });
  }

  function updateUser(body: Record<string, unknown>, id: string): FakeReply {
    const user = users.get(id);
    if (!user) return fail(404, NOT_FOUND);
    const error = checkUserFields(body);
    if (error) return fail(400, error);
    // [FS-UPDATE-USER]: once set, a uid cannot be changed.
    if (typeof body.uid === "string" && user.uid !== undefined && body.uid !== user.uid) {
      return badRequest("uid cannot be changed once it is set");
    }
    if (typeof body.uid === "string" && [...users.values()].some((u) => u.uid === body.uid && u.id !== id)) {
      return badRequest("uid is already used by another user");
    }
    upsertUser(body, user);
    return json(200, { id });
  }

  function deleteUserByUid(request: RecordedRequest): FakeReply {
    const uid = request.query.uid;
    if (!uid) return badRequest("uid is required", "required_field");
    const user = [...users.values()].find((u) => u.uid === uid);
    if (!user) return fail(404, NOT_FOUND);
    users.delete(user.id);
    return json(200, {});
  }

  function createEvent(body: Record<string, unknown>): FakeReply {
    const error = checkEvent(body);
    if (error) return fail(400, error);
    events.push(body);
    return json(200, {});
  }

  function createBatch(kind: BatchKind, body: Record<string, unknown>): FakeReply {
    if (body.requests === undefined) return badRequest("requests is required", "required_field");
    if (!Array.isArray(body.requests)) return badRequest("requests must be an array");
    if (body.requests.length > MAX_BATCH_REQUESTS) {
      return badRequest(
        `requests must hold at most ${MAX_BATCH_REQUESTS} items, got ${body.requests.length}`,
      );
    }
    const shared = isObject(body.shared) && isObject(body.shared.context) ? body.shared.context : undefined;
    const requests = body.requests.map((item: unknown) => {
      if (!shared || !isObject(item)) return item;
      if (item.context === undefined) return { ...item, context: shared };
      sharedContextConflicts.add(item);
      return item;
    });
    return batches.create(kind, requests);
  }

  function createWebhook(body: Record<string, unknown>): FakeReply {
    const error = checkWebhook(body, true);
    if (error) return fail(400, error);
    const id = Buffer.from(String(body.url)).toString("base64url");
    if (webhooks.has(id))
      return fail(409, { message: "an endpoint with this url exists", code: "already_exists" });
    const now = new Date().toISOString();
    const hook: FullStoryWebhook = {
      id,
      created: now,
      modified: now,
      enabled: true,
      url: "",
      eventTypes: [],
      secret: "",
    };
    webhooks.set(id, applyWebhook(hook, body));
    return json(200, webhookView(hook));
  }

  function updateWebhook(body: Record<string, unknown>, id: string): FakeReply {
    const hook = webhooks.get(id);
    if (!hook) return fail(404, NOT_FOUND);
    const error = checkWebhook(body, false);
    if (error) return fail(400, error);
    applyWebhook(hook, body).modified = new Date().toISOString();
    return json(200, webhookView(hook));
  }

  /** Parses the JSON body; a POST with an `Idempotency-Key` seen before replays its first 2xx answer. */
  const post =
    (handle: (body: Record<string, unknown>, id: string) => FakeReply) =>
    (request: RecordedRequest, [id = ""]: string[]): FakeReply => {
      const key = request.headers["idempotency-key"];
      const cacheKey = typeof key === "string" ? `${request.path} ${key}` : undefined;
      const replay = cacheKey ? idempotent.get(cacheKey) : undefined;
      if (replay) return replay;
      const parsed = parseJson(request.body);
      if (!isJsonRequest(request)) return badRequest("Content-Type must be application/json");
      if (!parsed.ok || !isObject(parsed.value)) return badRequest("request body must be a JSON object");
      const reply = handle(parsed.value, id);
      if (cacheKey && reply.status >= 200 && reply.status < 300) idempotent.set(cacheKey, reply);
      return reply;
    };
  const found = (reply: FakeReply | undefined) => reply ?? fail(404, NOT_FOUND);
  const ID = "([^/]+)";

  const routes: Route[] = [
    ["GET", /^\/v2\/users$/, listUsers],
    ["POST", /^\/v2\/users$/, post(createUser)],
    ["DELETE", /^\/v2\/users$/, deleteUserByUid],
    ["POST", /^\/v2\/users\/batch$/, post((body) => createBatch("users", body))],
    ["POST", /^\/v2\/events\/batch$/, post((body) => createBatch("events", body))],
    ["POST", /^\/v2\/events$/, post(createEvent)],
    [
      "GET",
      /^\/v2\/(users|events)\/batch\/([^/]+)$/,
      (_r, [kind, id]) => found(batches.status(kind as BatchKind, id ?? "")),
    ],
    [
      "GET",
      /^\/v2\/(users|events)\/batch\/([^/]+)\/(imports|errors)$/,
      (_r, [kind, id, which]) =>
        found(batches.results(kind as BatchKind, id ?? "", which as "imports" | "errors")),
    ],
    ["GET", new RegExp(`^/v2/users/${ID}$`), (_r, [id]) => found(mapGet(users, id, userView))],
    ["POST", new RegExp(`^/v2/users/${ID}$`), post(updateUser)],
    [
      "DELETE",
      new RegExp(`^/v2/users/${ID}$`),
      (_r, [id = ""]) => (users.delete(id) ? json(200, {}) : fail(404, NOT_FOUND)),
    ],
    ["POST", /^\/webhooks\/v1\/endpoints$/, post(createWebhook)],
    [
      "GET",
      new RegExp(`^/webhooks/v1/endpoints/${ID}$`),
      (_r, [id]) => found(mapGet(webhooks, id, webhookView)),
    ],
    // PUT per the generated webhooks spec (connector-apis.md §3.3, [FS-EVANG-WH]).
    ["PUT", new RegExp(`^/webhooks/v1/endpoints/${ID}$`), post(updateWebhook)],
    [
      "DELETE",
      new RegExp(`^/webhooks/v1/endpoints/${ID}$`),
      (_r, [id = ""]) => (webhooks.delete(id) ? json(200, {}) : fail(404, NOT_FOUND)),
    ],
  ];

  const server = await startFakeServer("fullstory", (request) => {
    // [FS-USERS-SPEC]: "Basic {YOUR_API_KEY}" — the raw key, not base64 of user:pass.
    if (request.headers.authorization !== `Basic ${options.apiKey}`) return fail(401, UNAUTHORIZED);
    return dispatch(routes, request, () => fail(404, NOT_FOUND));
  });

  return {
    ...server,
    users,
    events,
    batchJobs: batches.jobs,
    webhooks,
    completeBatchJobs: batches.completeAll,
    rateLimitNext(count: number, retryAfterSeconds = 1, match?: RequestMatch) {
      server.failNext(count, {
        status: 429,
        body: TOO_MANY,
        headers: { "retry-after": String(retryAfterSeconds) },
        match,
      });
    },
  };
}

function mapGet<T>(
  map: Map<string, T>,
  id: string | undefined,
  view: (value: T) => unknown,
): FakeReply | undefined {
  const value = id === undefined ? undefined : map.get(id);
  return value === undefined ? undefined : json(200, view(value));
}

function applyWebhook(hook: FullStoryWebhook, body: Record<string, unknown>): FullStoryWebhook {
  if (typeof body.url === "string") hook.url = body.url;
  if (typeof body.secret === "string") hook.secret = body.secret;
  if (typeof body.enabled === "boolean") hook.enabled = body.enabled;
  if (Array.isArray(body.event_types)) {
    hook.eventTypes = body.event_types.map((type: Record<string, unknown>) => ({
      eventName: String(type.event_name),
      ...(typeof type.subcategory === "string" ? { subcategory: type.subcategory } : {}),
    }));
  }
  return hook;
}

/** The response is camelCase although the request is snake_case [FS-WH-CREATE]; the secret never returns. */
function webhookView({ secret: _secret, ...hook }: FullStoryWebhook) {
  return hook;
}

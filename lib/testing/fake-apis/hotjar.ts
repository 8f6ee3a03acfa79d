/**
 * A fake Hotjar API (https://api.hotjar.io), built to Hotjar's API reference.
 * Token errors use the OAuth body `{error, error_description}`; other errors use `{error, message}`
 * (third-party spec). Both, the user-lookup success body and the 429 body are invented: Hotjar's
 * own text for them was not retrieved, so clients must not depend on them.
 */
import { randomBytes } from "node:crypto";
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

export interface FakeHotjarOptions {
  clientId: string;
  clientSecret: string;
  /** Organization ids that exist. Default `[12345]`. */
  organizations?: number[];
  tokenTtlSeconds?: number;
  /** Whether the organization is on a Scale plan; user lookup answers 403 when it is not. */
  scaleplan?: boolean;
  /** Per token; third-party sources give 3000/min. */
  rateLimit?: { requests: number; windowMs: number };
}

export interface HotjarUserLookup {
  organizationId: number;
  body: Record<string, unknown>;
}

export interface FakeHotjar extends FakeServer {
  readonly tokensIssued: number;
  /** User-lookup requests that were accepted, in order. */
  lookups: HotjarUserLookup[];
  /** Makes every token issued so far expired, as if its `expires_in` had passed. */
  expireTokens(): void;
  /** The next `count` matching requests get 429 with `Retry-After`. */
  rateLimitNext(count: number, retryAfterSeconds?: number, match?: RequestMatch): void;
}

const apiError = (status: number, error: string, message: string, headers?: Record<string, string>) =>
  json(status, { error, message }, headers);
const oauthError = (status: number, error: string, description: string) =>
  json(status, { error, error_description: description });
const tooManyRequests = (retryAfterSeconds: number) =>
  apiError(429, "too_many_requests", "Rate limit exceeded", { "retry-after": String(retryAfterSeconds) });

export async function startFakeHotjar(options: FakeHotjarOptions): Promise<FakeHotjar> {
  const organizations = new Set(options.organizations ?? [12345]);
  const ttlSeconds = options.tokenTtlSeconds ?? 3600;
  const limiter = createRateLimiter(options.rateLimit ?? { requests: 3000, windowMs: 60_000 });
  const tokens = new Map<string, number>(); // token → expiry (epoch ms)
  const lookups: HotjarUserLookup[] = [];

  function issueToken(request: RecordedRequest): FakeReply {
    // Hotjar: "this is an OAuth requirement" — the token request must be form-encoded.
    if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers["content-type"] ?? "")) {
      return oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
    }
    const form = new URLSearchParams(request.body);
    const grantType = form.get("grant_type");
    if (!grantType) return oauthError(400, "invalid_request", "Missing required parameter: grant_type");
    if (grantType !== "client_credentials") {
      return oauthError(400, "unsupported_grant_type", `Unsupported grant_type: ${grantType}`);
    }
    // The docs require client_id and client_secret as form fields; HTTP Basic is not accepted.
    if (form.get("client_id") !== options.clientId || form.get("client_secret") !== options.clientSecret) {
      return oauthError(401, "invalid_client", "Client authentication failed");
    }
    const token = `hj_${randomBytes(24).toString("base64url")}`;
    tokens.set(token, Date.now() + ttlSeconds * 1000);
    return json(200, { access_token: token, token_type: "bearer", expires_in: ttlSeconds });
  }

  /** Answers 401 or 429 for a request that may not go ahead, else undefined. */
  function refuse(request: RecordedRequest): FakeReply | undefined {
    const token = bearerToken(request);
    if (!request.headers.authorization) {
      return apiError(401, "unauthorized", "Missing Authorization header");
    }
    const expiresAt = token ? tokens.get(token) : undefined;
    if (!token || expiresAt === undefined || expiresAt <= Date.now()) {
      return apiError(401, "unauthorized", "Invalid or expired access token");
    }
    const retryAfter = limiter.take(token);
    return retryAfter > 0 ? tooManyRequests(retryAfter) : undefined;
  }

  function userLookup(request: RecordedRequest, [orgId = ""]: string[]): FakeReply {
    const refused = refuse(request);
    if (refused) return refused;
    const organizationId = Number(orgId);
    if (!/^\d+$/.test(orgId) || !organizations.has(organizationId)) {
      return apiError(404, "not_found", `Organization ${orgId} not found`);
    }
    if (options.scaleplan === false) {
      return apiError(403, "forbidden", "User lookup requires a Scale plan");
    }
    if (!isJsonRequest(request)) return apiError(400, "bad_request", "Content-Type must be application/json");
    const parsed = parseJson(request.body);
    if (!parsed.ok || !isObject(parsed.value))
      return apiError(400, "bad_request", "Body must be a JSON object");
    const body = parsed.value;
    const problem = checkLookupBody(body);
    if (problem) return apiError(400, "bad_request", problem);
    lookups.push({ organizationId, body });
    return json(200, { status: "ok", message: "User lookup request received" });
  }

  function listSurveys(request: RecordedRequest): FakeReply {
    const refused = refuse(request);
    if (refused) return refused;
    const limit = request.query.limit;
    if (limit !== undefined && !(/^\d+$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 100)) {
      return apiError(400, "bad_request", "limit must be between 1 and 100");
    }
    return json(200, { results: [], next_cursor: null });
  }

  const routes: Route[] = [
    ["POST", /^\/v1\/oauth\/token$/, issueToken],
    ["POST", /^\/v1\/organizations\/([^/]+)\/user-lookup$/, userLookup],
    ["GET", /^\/v1\/sites\/(\d+)\/surveys$/, listSurveys],
  ];
  const server = await startFakeServer("hotjar", (request) =>
    dispatch(routes, request, () => apiError(404, "not_found", `No route ${request.method} ${request.path}`)),
  );

  return {
    ...server,
    get tokensIssued() {
      return tokens.size;
    },
    lookups,
    expireTokens() {
      const now = Date.now();
      for (const token of tokens.keys()) tokens.set(token, now);
    },
    rateLimitNext(count: number, retryAfterSeconds = 1, match?: RequestMatch) {
      server.failNext(count, { ...tooManyRequests(retryAfterSeconds), match });
    },
  };
}

function checkLookupBody(body: Record<string, unknown>): string | undefined {
  const email = body.data_subject_email;
  const map = body.data_subject_site_id_to_user_id_map;
  if (email === undefined && map === undefined) {
    return "One of data_subject_email or data_subject_site_id_to_user_id_map is required";
  }
  if (email !== undefined && (typeof email !== "string" || !/^[^\s@]+@[^\s@]+$/.test(email))) {
    return "data_subject_email must be an email address";
  }
  if (map !== undefined) {
    const entries = isObject(map) ? Object.entries(map) : [];
    if (
      entries.length === 0 ||
      entries.some(([site, user]) => !/^\d+$/.test(site) || typeof user !== "string")
    ) {
      return "data_subject_site_id_to_user_id_map must map site ids to user id strings";
    }
  }
  if (body.delete_all_hits !== undefined && typeof body.delete_all_hits !== "boolean") {
    return "delete_all_hits must be a boolean";
  }
  return undefined;
}

/**
 * The one wrapper for REST API routes: the bearer token authenticates, the token's rate limit
 * applies, the role is checked against the permission the UI's action needs, expected failures
 * become problem details, and every call is written to the audit log with the token's name.
 */
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { z } from "zod";
import { StateConflict, UserError } from "@/lib/actions/user-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { can, type Permission, refusal } from "@/lib/auth/permissions";
import { dbPool } from "@/lib/db/client";
import { type ApiCaller, authenticate } from "./authenticate";
import { problem } from "./problem";

/** Calls per token per minute: far above what a script needs, well below what hurts the app. */
export const TOKEN_REQUESTS_PER_MINUTE = 600;

let limiter: RateLimiterPostgres | undefined;
function tokenLimiter(): RateLimiterPostgres {
  limiter ??= new RateLimiterPostgres({
    storeClient: dbPool(),
    tableName: "rate_limiter_points",
    tableCreated: true,
    keyPrefix: "api-token",
    points: TOKEN_REQUESTS_PER_MINUTE,
    duration: 60,
  });
  return limiter;
}

/** Not found, as the API says it: a resource of another workspace is not found either. */
export class NotFound extends Error {}

export type ApiCall<Params> = { caller: ApiCaller; request: Request; params: Params };

export function apiRoute<Params = Record<string, never>>(
  permission: Permission | null,
  handle: (call: ApiCall<Params>) => Promise<Response>,
): (request: Request, context: { params: Promise<Params> }) => Promise<Response> {
  return async (request, context) => {
    const caller = await authenticate(request);
    if (caller instanceof Response) return caller;
    try {
      await tokenLimiter().consume(caller.token.id);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      return problem(
        429,
        `This token made ${TOKEN_REQUESTS_PER_MINUTE} calls in the last minute: wait ${seconds} s and try again.`,
        { headers: { "retry-after": String(seconds) } },
      );
    }
    const response =
      permission && !can(caller.role, permission)
        ? problem(403, `${refusal(permission, caller.workspace.name)} This token acts as ${caller.role}.`)
        : await handle({ caller, request, params: await context.params }).catch(asProblem);
    const url = new URL(request.url);
    // The event is about the token, named as its resource: no "via" beside it.
    await recordAudit(
      { ...caller, token: undefined },
      {
        action: "api.called",
        resourceType: "apiToken",
        resourceId: caller.token.id,
        resourceName: caller.token.name,
        details: { method: request.method, path: url.pathname, status: response.status },
      },
    ).catch((error: Error) => console.error(`Could not audit an API call: ${error.message}`));
    return response;
  };
}

function asProblem(error: unknown): Response {
  if (error instanceof NotFound) return problem(404, error.message);
  if (error instanceof BadInput) return problem(error.status, error.message, { errors: error.errors });
  if (error instanceof StateConflict) return problem(409, error.message);
  if (error instanceof UserError) {
    // "… no longer exists" is how the app's functions say a resource is gone.
    if (!error.fieldErrors && /no longer exists/.test(error.message)) return problem(404, error.message);
    return problem(422, error.message, { errors: error.fieldErrors ?? {} });
  }
  console.error("API call failed", error);
  return problem(
    500,
    "Something went wrong on Outflow's side. Try again; if it keeps failing, check the server log.",
  );
}

class BadInput extends Error {
  constructor(
    readonly status: 400 | 422,
    message: string,
    readonly errors?: Record<string, string>,
  ) {
    super(message);
  }
}

/** The JSON body parsed with `schema`; a body that is not JSON is 400, one the schema refuses 422. */
export async function readBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new BadInput(400, "The body is not JSON: send a JSON object with Content-Type: application/json.");
  }
  return parseInput(schema, body);
}

/** Query parameters parsed with `schema` (422 with the fields at fault). */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  return parseInput(schema, Object.fromEntries(new URL(request.url).searchParams));
}

/** Any input parsed with `schema`: 422 with the fields at fault. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[issue.path.join(".") || "body"] ??= issue.message;
  throw new BadInput(422, "Some fields need attention.", errors);
}

/** The id in the path, checked before any query: anything but a UUID is simply not found. */
export function requireUuid(value: string, what: string): string {
  if (!z.uuid().safeParse(value).success) throw new NotFound(`No ${what} has this id.`);
  return value;
}

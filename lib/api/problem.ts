import { stringifyJson } from "@/lib/json/exact-json";

/**
 * Errors of the REST API as RFC 9457 problem details (`application/problem+json`): a title for
 * the kind, a detail saying what to do, and for invalid input an `errors` map of field messages.
 */
export type Problem = {
  type: "about:blank";
  title: string;
  status: number;
  detail: string;
  errors?: Record<string, string>;
};

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

export function problem(
  status: number,
  detail: string,
  options: { errors?: Record<string, string>; headers?: Record<string, string> } = {},
): Response {
  const body: Problem = { type: "about:blank", title: TITLES[status] ?? "Error", status, detail };
  if (options.errors) body.errors = options.errors;
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...options.headers },
  });
}

/** A JSON answer; records' numbers are written exactly as they came (lib/json/exact-json.ts). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(stringifyJson(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

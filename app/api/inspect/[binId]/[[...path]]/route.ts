import { MAX_REQUEST_BODY_BYTES, MAX_REQUESTS_PER_BIN_PER_MINUTE } from "@/lib/inspector/limits";
import { recordRequest } from "@/lib/inspector/record-request";
import { binIdSchema } from "@/lib/inspector/schemas";
import { takeInspectorRequest } from "@/lib/inspector/sender-rate-limit";

// A receiver, like a webhook URL: no session, the unguessable inspector id is the secret.
// Every request must reach the handler, never a cached answer.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; path?: string[] }> };

const CORS = {
  // Lets a page in a browser try the URL too; the answer holds nothing but the request id.
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS",
  "access-control-expose-headers": "x-inspector-request-id, retry-after",
  "cache-control": "no-store",
};

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...CORS, ...extra } });
}

async function handle(request: Request, { params }: Context): Promise<Response> {
  const { binId } = await params;
  if (!binIdSchema.safeParse(binId).success) return json(404, { error: "No inspector with this id" });
  const wait = await takeInspectorRequest(binId);
  if (wait !== null) {
    return json(
      429,
      {
        error: `This inspector accepts at most ${MAX_REQUESTS_PER_BIN_PER_MINUTE} requests a minute. Try again in ${wait} seconds.`,
      },
      { "retry-after": String(wait) },
    );
  }
  const pathname = new URL(request.url).pathname;
  const prefix = `/api/inspect/${binId}`;
  // The raw sub-path, as sent (percent-encoding kept), rather than Next's decoded segments.
  const subPath = pathname.startsWith(prefix) ? pathname.slice(prefix.length) || "/" : "/";

  const outcome = await recordRequest(binId, subPath, request);
  const allowHeaders = request.headers.get("access-control-request-headers");
  const preflight: Record<string, string> = allowHeaders
    ? { "access-control-allow-headers": allowHeaders }
    : {};
  switch (outcome.kind) {
    case "unknown-bin":
      return json(404, { error: "No inspector with this id" });
    case "too-large":
      return json(413, {
        error: `The request body is larger than the inspector's limit of ${MAX_REQUEST_BODY_BYTES} bytes.`,
      });
    case "recorded": {
      const id = outcome.id.toString();
      if (request.method === "HEAD") {
        return new Response(null, { status: 200, headers: { ...CORS, "x-inspector-request-id": id } });
      }
      return json(200, { ok: true, received: id }, { ...preflight, "x-inspector-request-id": id });
    }
  }
}

export {
  handle as DELETE,
  handle as GET,
  handle as HEAD,
  handle as OPTIONS,
  handle as PATCH,
  handle as POST,
  handle as PUT,
};

import { handleIngest } from "@/lib/datasets/ingest/ingest-request";

// The ingest endpoint: no session, the dataset's ingest key authorises (DESIGN.md, "Access").
// Every request must reach the handler, never a cached answer.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ datasetId: string }> };

const NO_STORE = { "cache-control": "no-store" };

/** Stores a JSON object, a JSON array of objects or NDJSON, all or nothing: 202 `{"accepted": n}`. */
export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { datasetId } = await params;
  const { status, body, headers } = await handleIngest({
    datasetId,
    authorization: request.headers.get("authorization"),
    contentType: request.headers.get("content-type"),
    contentEncoding: request.headers.get("content-encoding"),
    contentLength: request.headers.get("content-length"),
    body: request.body,
  });
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

function methodNotAllowed(): Response {
  return Response.json(
    { error: "Send records with POST." },
    { status: 405, headers: { ...NO_STORE, allow: "POST" } },
  );
}

export {
  methodNotAllowed as DELETE,
  methodNotAllowed as GET,
  methodNotAllowed as HEAD,
  methodNotAllowed as OPTIONS,
  methodNotAllowed as PATCH,
  methodNotAllowed as PUT,
};

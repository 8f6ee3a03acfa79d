import { z } from "zod";
import { UserError } from "@/lib/actions/user-error";
import { getWorkspaceSession } from "@/lib/auth/session";
import { exportDeadLetters } from "@/lib/delivery/dead-letters";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  format: z.enum(["ndjson", "csv"]).catch("ndjson"),
  reason: z.string().max(5000).optional(),
  text: z.string().max(200).optional(),
});

const TYPES = { ndjson: "application/x-ndjson; charset=utf-8", csv: "text/csv; charset=utf-8" };

type Context = { params: Promise<{ destinationId: string }> };

/** Export Failed Records: every one matching the page's filter, as NDJSON or CSV, streamed. */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  const session = await getWorkspaceSession();
  if (!session) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  const id = z.uuid().safeParse((await params).destinationId);
  if (!id.success) return Response.json({ error: "No such destination." }, { status: 404 });
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const chunks = exportDeadLetters(session.workspace.id, id.data, query.format, {
    reason: query.reason || undefined,
    text: query.text || undefined,
  });
  // The first chunk checks the destination is the workspace's before the answer starts.
  let first: IteratorResult<string>;
  try {
    first = await chunks.next();
  } catch (error) {
    if (error instanceof UserError) return Response.json({ error: error.message }, { status: 404 });
    throw error;
  }
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(first.done ? "" : body, {
    headers: {
      "content-type": TYPES[query.format],
      "content-disposition": `attachment; filename="failed-records.${query.format}"`,
      "cache-control": "no-store",
    },
  });
}

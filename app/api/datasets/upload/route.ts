import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { clientAddress } from "@/lib/auth/client-address";
import { authorizeRoute } from "@/lib/auth/session";
import { datasetNameSchema } from "@/lib/datasets/dataset-name";
import { uploadDataset } from "@/lib/datasets/upload-dataset";
import { refuseCrossOrigin } from "@/lib/http/same-origin";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  name: datasetNameSchema,
  fileName: z.string().max(300).default(""),
  format: z.enum(["auto", "json", "ndjson", "csv"]).default("auto"),
  delimiter: z.enum(["auto", ",", ";", "\t", "|"]).default("auto"),
  typed: z.enum(["0", "1"]).default("0"),
});

/** Creates a dataset from a file streamed as the request body (not multipart: no copy is held). */
export async function POST(request: Request) {
  const crossOrigin = refuseCrossOrigin(request);
  if (crossOrigin) return crossOrigin;
  const { session, response } = await authorizeRoute("datasets.manage");
  if (response) return response;
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    const issue = query.error.issues[0];
    return Response.json(
      { error: issue?.message ?? "Invalid upload", field: issue?.path.join(".") },
      { status: 400 },
    );
  }
  if (!request.body) return Response.json({ error: "The file is empty." }, { status: 400 });

  const outcome = await uploadDataset(session.workspace.id, request.body, {
    name: query.data.name,
    fileName: query.data.fileName,
    format: query.data.format,
    csv: { delimiter: query.data.delimiter, typed: query.data.typed === "1" },
  });
  if (outcome.ok) {
    await recordAudit(
      { ...session, address: clientAddress(request.headers) },
      {
        action: "dataset.uploaded",
        resourceType: "dataset",
        resourceId: outcome.id,
        resourceName: query.data.name,
        details: { fileName: query.data.fileName, format: query.data.format, records: outcome.records },
      },
    );
  }
  return outcome.ok
    ? Response.json({ id: outcome.id, records: outcome.records }, { status: 201 })
    : Response.json({ error: outcome.error, field: outcome.field }, { status: outcome.status });
}

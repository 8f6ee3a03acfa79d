/**
 * A delivered request's body, built again for the Request Log from the records it carried and the
 * configuration version it was sent with: delivery keeps only the record ids of a delivered
 * attempt, since the builder is pure and gives the same bytes again (send-batches.ts).
 */
import { UserError } from "@/lib/actions/user-error";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { db, dbPool } from "@/lib/db/client";
import { capText } from "@/lib/delivery/record-outcomes";
import { buildContextFor } from "@/lib/destinations/build-context";
import { destinationConfigSchema } from "@/lib/destinations/destination-config";
import { resolveTarget } from "@/lib/destinations/resolve-target";
import { redactText } from "@/lib/http/redact";
import { buildRequests } from "@/lib/payload";

export type RebuiltBody = { body: string | null; note: string | null };

export async function rebuildRequestBody(
  workspaceId: string,
  destinationId: string,
  attempt: { version: number; recordIds: bigint[] },
): Promise<RebuiltBody> {
  const destination = await db().destination.findFirst({
    where: { id: destinationId, workspaceId },
    select: { connectorId: true, datasetId: true },
  });
  const version = await db().destinationVersion.findUnique({
    where: { destinationId_version: { destinationId, version: attempt.version } },
  });
  if (!destination || !version) return unavailable("its configuration version is gone");
  const ids = attempt.recordIds.map(String);
  const { rows } = await dbPool().query<{ id: string; data: DataRecord }>(
    "SELECT id::text AS id, data FROM records WHERE id = ANY($1::bigint[]) AND dataset_id = $2",
    [ids, destination.datasetId],
  );
  if (rows.length < ids.length) return unavailable("the records it carried have since been deleted");
  const byId = new Map(rows.map((row) => [row.id, row.data]));
  const config = destinationConfigSchema.parse(version.config);
  let target: Awaited<ReturnType<typeof resolveTarget>>;
  try {
    target = await resolveTarget(workspaceId, destination.connectorId, config);
  } catch (error) {
    if (error instanceof UserError)
      return unavailable(`its credential or inspector is gone (${error.message})`);
    throw error;
  }
  const built = await buildRequests(
    config.endpoint,
    ids.map((id) => ({ id, data: byId.get(id) as DataRecord })),
    buildContextFor(target, config.endpoint),
  );
  const request = built.requests.find((candidate) => candidate.recordIds.join() === ids.join());
  if (!request) return unavailable("its records no longer build into it");
  const secrets = target.credential?.secretValues ?? [];
  return { body: request.body === null ? null : capText(redactText(request.body, secrets)), note: null };
}

function unavailable(why: string): RebuiltBody {
  return {
    body: null,
    note: `The body of this delivered request is built again from its records when shown, and cannot be now: ${why}.`,
  };
}

/** /api/v1/destinations/{id}/failed-records: list, edit, retry and discard, as Failed Records does. */
import { recordAudit } from "@/lib/audit/record-audit";
import {
  type DeadLetterFilter,
  discardDeadLetters,
  editDeadLetter,
  listDeadLetters,
  retryDeadLetters,
  type Selection,
} from "@/lib/delivery/dead-letters";
import { parseJson, stringifyJson } from "@/lib/json/exact-json";
import type { ApiCaller } from "../authenticate";
import { json } from "../problem";
import { apiRoute, NotFound, readBody, readQuery, requireUuid } from "../route";
import { failedRecordEditSchema, failedRecordQuerySchema, failedRecordSelectionSchema } from "./schemas";

type DestinationParams = { destinationId: string };

function selectionOf(input: { ids?: string[]; filter?: DeadLetterFilter }): Selection {
  if (input.ids) return input.ids;
  if (input.filter) return { filter: input.filter };
  return "all";
}

async function audit(
  caller: ApiCaller,
  destinationId: string,
  action: string,
  details: Record<string, unknown>,
) {
  await recordAudit(caller, {
    action: `destination.${action}`,
    resourceType: "destination",
    resourceId: destinationId,
    details: { ...details },
  });
}

export const listFailedRecordsRoute = apiRoute<DestinationParams>(
  null,
  async ({ caller, request, params }) => {
    const destinationId = requireUuid(params.destinationId, "destination");
    const { cursor, reason, text } = readQuery(request, failedRecordQuerySchema);
    const page = cursor ? Number(cursor) : 1;
    const listed = await listDeadLetters(caller.workspace.id, destinationId, page, { reason, text });
    return json({
      data: listed.letters.map((letter) => ({
        id: letter.id,
        recordNumber: letter.recordNumber,
        payload: parseJson(letter.payloadText),
        edited: letter.edited,
        reason: letter.reason,
        lastStatus: letter.lastStatus,
        attempts: letter.attempts,
        failedAt: letter.createdAt.toISOString(),
      })),
      total: listed.total,
      reasons: listed.reasons,
      nextCursor: page < listed.pageCount ? String(page + 1) : null,
    });
  },
);

/** Replaces the payload a failed record is retried with. */
export const editFailedRecordRoute = apiRoute<DestinationParams & { failedRecordId: string }>(
  "destinations.manage",
  async ({ caller, request, params }) => {
    const destinationId = requireUuid(params.destinationId, "destination");
    if (!/^\d{1,19}$/.test(params.failedRecordId)) throw new NotFound("No failed record has this id.");
    const { payload } = await readBody(request, failedRecordEditSchema);
    await editDeadLetter(caller.workspace.id, destinationId, params.failedRecordId, stringifyJson(payload));
    await audit(caller, destinationId, "failed_record_edited", { failedRecord: params.failedRecordId });
    return new Response(null, { status: 204 });
  },
);

export const retryFailedRecordsRoute = apiRoute<DestinationParams>(
  "destinations.manage",
  async ({ caller, request, params }) => {
    const destinationId = requireUuid(params.destinationId, "destination");
    const selection = selectionOf(await readBody(request, failedRecordSelectionSchema));
    const retried = await retryDeadLetters(caller.workspace.id, destinationId, selection);
    await audit(caller, destinationId, "failed_records_retried", { records: retried.records });
    return json(retried, 202);
  },
);

export const discardFailedRecordsRoute = apiRoute<DestinationParams>(
  "destinations.manage",
  async ({ caller, request, params }) => {
    const destinationId = requireUuid(params.destinationId, "destination");
    const selection = selectionOf(await readBody(request, failedRecordSelectionSchema));
    const discarded = await discardDeadLetters(caller.workspace.id, destinationId, selection);
    await audit(caller, destinationId, "failed_records_discarded", { records: discarded });
    return json({ discarded });
  },
);

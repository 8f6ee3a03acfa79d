/** The dead letter: records that could not be delivered, to fix, retry or discard. */

import { UserError } from "@/lib/actions/user-error";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { parseJson, stringifyJson } from "@/lib/json/exact-json";
import { batchRecords } from "./batch-records";
import { loadDeliveryContext } from "./delivery-context";
import { destinationMachine } from "./model/destination-state";
import { requireTransition } from "./model/state-machine";
import { requireOwnDestination } from "./own-destination";
import { enqueueDelivery } from "./queue";
import { inTransaction, pool } from "./store/db";
import {
  deleteDeadLetters,
  listDeadLetterPage,
  replaceDeadLetterPayload,
  takeDeadLetters,
} from "./store/dead-letters";
import { openRun } from "./store/runs";

export const DEAD_LETTERS_PAGE_SIZE = 50;

/** All of a destination's dead letters, or only these ids. */
export type Selection = "all" | string[];

export async function listDeadLetters(workspaceId: string, destinationId: string, page = 1) {
  await requireOwnDestination(workspaceId, destinationId);
  const { total, letters } = await listDeadLetterPage(pool(), destinationId, {
    offset: (page - 1) * DEAD_LETTERS_PAGE_SIZE,
    limit: DEAD_LETTERS_PAGE_SIZE,
  });
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / DEAD_LETTERS_PAGE_SIZE)),
    // As text, indented: numbers exactly as the record holds them, ready for the page and the editor.
    letters: letters.map(({ payload, ...letter }) => ({ ...letter, payloadText: stringifyJson(payload, 2) })),
  };
}

/** Replaces a dead letter's payload (JSON object text) before it is retried. */
export async function editDeadLetter(
  workspaceId: string,
  destinationId: string,
  id: string,
  payloadText: string,
): Promise<void> {
  await requireOwnDestination(workspaceId, destinationId);
  let payload: unknown;
  try {
    payload = parseJson(payloadText);
  } catch (error) {
    throw new UserError(`The record is not valid JSON: ${(error as Error).message}`, "payload");
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    throw new UserError("A record is a JSON object: { … }.", "payload");
  }
  const replaced = await replaceDeadLetterPayload(
    pool(),
    destinationId,
    BigInt(id).toString(),
    payload as DataRecord,
  );
  if (!replaced) throw new UserError("This failed record is no longer there: it was retried or discarded.");
}

export async function discardDeadLetters(
  workspaceId: string,
  destinationId: string,
  selection: Selection,
): Promise<number> {
  await requireOwnDestination(workspaceId, destinationId);
  return deleteDeadLetters(pool(), destinationId, idsOf(selection));
}

/**
 * Retry Failed Records: builds the selected records (as edited) into new batches of a new run,
 * with the destination's current configuration, and takes them out of the dead letter in the
 * same transaction. Those that fail again come back with their new reason.
 */
export async function retryDeadLetters(
  workspaceId: string,
  destinationId: string,
  selection: Selection,
): Promise<{ runId: string; records: number }> {
  const destination = await requireOwnDestination(workspaceId, destinationId);
  requireTransition(destinationMachine, destination.status, "retryFailedRecords");
  const context = await loadDeliveryContext(destinationId);
  if (!context) throw new UserError("This destination has no saved configuration to send with.");

  const retry = await inTransaction(async (client) => {
    const rows = await takeDeadLetters(client, destinationId, idsOf(selection));
    if (rows.length === 0) throw new UserError("There are no failed records to retry.");
    const { id: runId } = await openRun(client, {
      destinationId,
      version: context.version,
      trigger: "retry",
    });
    // Records keep their dataset id, so an unchanged batch repeats its Idempotency-Key; an edited
    // record changes the body, and with it the key. The payload is the dead letter's, whatever
    // became of the dataset's record.
    const records = rows.map((row) => ({
      id: row.recordId ?? `dead-letter-${row.id}`,
      data: row.payload,
      carried: true,
    }));
    await batchRecords(client, context, runId, records, { planned: rows.length });
    return { runId, records: rows.length };
  });
  await enqueueDelivery(pool(), destinationId);
  return retry;
}

/** Null for all; ids go through BigInt so a malformed one fails here, as it did before. */
function idsOf(selection: Selection): string[] | null {
  return selection === "all" ? null : selection.map((id) => BigInt(id).toString());
}

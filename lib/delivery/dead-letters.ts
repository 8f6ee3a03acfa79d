/** The dead letter: records that could not be delivered, to fix, retry or discard. */

import Papa from "papaparse";
import { UserError } from "@/lib/actions/user-error";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { recordNumber } from "@/lib/datasets/record-numbers";
import { parseJson, stringifyJson } from "@/lib/json/exact-json";
import { errorSignature } from "@/lib/monitoring/error-signature";
import { batchRecords } from "./batch-records";
import { loadDeliveryContext } from "./delivery-context";
import { destinationMachine } from "./model/destination-state";
import { requireTransition } from "./model/state-machine";
import { requireOwnDestination } from "./own-destination";
import { enqueueDelivery } from "./queue";
import { inTransaction, pool } from "./store/db";
import {
  countDeadLetterReasons,
  type DeadLetterScope,
  deleteDeadLetters,
  listDeadLetterPage,
  readDeadLettersAfter,
  replaceDeadLetterPayload,
  takeDeadLetters,
} from "./store/dead-letters";
import { openRun } from "./store/runs";

export const DEAD_LETTERS_PAGE_SIZE = 50;

/**
 * Which failed records: the ones a person looks at, by reason (the kind of error, as Errors groups
 * it: error-signature.ts) and by text in the reason or the record; empty means all of them.
 */
export type DeadLetterFilter = { reason?: string; text?: string };

/** All of a destination's dead letters, only these ids, or all that match a filter. */
export type Selection = "all" | string[] | { filter: DeadLetterFilter };

/** The kinds of reason a destination's failed records have, most frequent first. */
export type ReasonCount = { reason: string; count: number };

export async function listDeadLetters(
  workspaceId: string,
  destinationId: string,
  page = 1,
  filter: DeadLetterFilter = {},
) {
  await requireOwnDestination(workspaceId, destinationId);
  const reasons = await reasonCounts(destinationId);
  const { total, letters } = await listDeadLetterPage(
    pool(),
    destinationId,
    { offset: (page - 1) * DEAD_LETTERS_PAGE_SIZE, limit: DEAD_LETTERS_PAGE_SIZE },
    await scopeOf({ filter }, destinationId, reasons),
  );
  return {
    total,
    reasons: reasons.map(({ reason, count }) => ({ reason, count })),
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
  return deleteDeadLetters(pool(), destinationId, await scopeOf(selection, destinationId));
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
    const rows = await takeDeadLetters(client, destinationId, await scopeOf(selection, destinationId));
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

/** Reasons as written, grouped by their kind, most frequent kind first. */
async function reasonCounts(destinationId: string): Promise<(ReasonCount & { written: string[] })[]> {
  const kinds = new Map<string, ReasonCount & { written: string[] }>();
  for (const { reason, count } of await countDeadLetterReasons(pool(), destinationId)) {
    const kind = errorSignature(reason);
    const known = kinds.get(kind) ?? { reason: kind, count: 0, written: [] };
    known.count += count;
    known.written.push(reason);
    kinds.set(kind, known);
  }
  return [...kinds.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** The store's scope for a selection; ids go through BigInt so a malformed one fails here. */
async function scopeOf(
  selection: Selection,
  destinationId: string,
  /** The destination's reasons, when the caller has read them already. */
  known?: Awaited<ReturnType<typeof reasonCounts>>,
): Promise<DeadLetterScope> {
  if (selection === "all") return { ids: null };
  if (Array.isArray(selection)) return { ids: selection.map((id) => BigInt(id).toString()) };
  const { reason, text } = selection.filter;
  const kinds = reason ? (known ?? (await reasonCounts(destinationId))) : [];
  const reasons = reason ? (kinds.find((kind) => kind.reason === reason)?.written ?? []) : null;
  return { ids: null, reasons, text: text?.trim() || null };
}

const EXPORT_PAGE = 1000;

/**
 * The failed records matching a filter, oldest first, as NDJSON (one object a line: the record's
 * number, reason, last status, attempts, when, and the record as it will be sent) or CSV (the same
 * columns, the record as JSON text), page by page so any number of them streams.
 */
export async function* exportDeadLetters(
  workspaceId: string,
  destinationId: string,
  format: "ndjson" | "csv",
  filter: DeadLetterFilter = {},
): AsyncGenerator<string> {
  await requireOwnDestination(workspaceId, destinationId);
  const scope = await scopeOf({ filter }, destinationId);
  // Formula-looking cells are escaped: a record's text must not run as a formula in a spreadsheet.
  const csv = (rows: unknown[][]) => `${Papa.unparse(rows, { escapeFormulae: true })}\r\n`;
  if (format === "csv") yield csv([[...EXPORT_COLUMNS]]);
  for (let after = "0"; ; ) {
    const page = await readDeadLettersAfter(pool(), destinationId, after, EXPORT_PAGE, scope);
    if (page.length === 0) return;
    const rows = page.map((letter) => ({
      record: letter.recordNumber === null ? null : recordNumber(letter.recordNumber),
      reason: letter.reason,
      lastStatus: letter.lastStatus,
      attempts: letter.attempts,
      failedAt: letter.createdAt.toISOString(),
      edited: letter.edited,
      payload: letter.payload,
    }));
    yield format === "ndjson"
      ? rows.map((row) => `${stringifyJson(row)}\n`).join("")
      : `${Papa.unparse(
          rows.map((row) =>
            EXPORT_COLUMNS.map((column) => (column === "payload" ? stringifyJson(row.payload) : row[column])),
          ),
        )}\r\n`;
    after = page.at(-1)?.id ?? after;
  }
}

const EXPORT_COLUMNS = [
  "record",
  "reason",
  "lastStatus",
  "attempts",
  "failedAt",
  "edited",
  "payload",
] as const;

"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment, useId, useState } from "react";
import {
  discardFailedRecordsAction,
  retryFailedRecordsAction,
} from "@/app/(app)/destinations/[destinationId]/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { filterInputClass } from "@/components/ui/filter-input";
import { FormError } from "@/components/ui/form-error";
import { recordNumber } from "@/lib/datasets/record-numbers";
import type { DeadLetterFilter, ReasonCount } from "@/lib/delivery/dead-letters";
import { DeadLetterEditor } from "./dead-letter-editor";
import type { FailedRecord } from "./failed-record";
import { formatDateTimeSeconds } from "./format-time";

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;

/** "the failed record", "all 12 failed records": what an action without a selection applies to. */
const everything = (total: number) =>
  total === 1 ? "the failed record" : `all ${plural(total, "failed record", "failed records")}`;

/**
 * The dead letter of one page: select records (none selected means all of them, on every page),
 * retry or discard them, or fix one's JSON before retrying it.
 */
export function FailedRecords({
  destinationId,
  letters,
  total,
  reasons,
  filter,
  canRetry,
  canEdit,
}: {
  destinationId: string;
  letters: FailedRecord[];
  /** Failed records matching the filter. */
  total: number;
  /** Every failed record's kind of reason, with how many have it (whatever the filter). */
  reasons: ReasonCount[];
  filter: DeadLetterFilter;
  /** Viewers see the failed records without Retry, Discard or Edit. */
  canEdit: boolean;
  /** Retried records are sent by the destination's workers: only while it is active. */
  canRetry: boolean;
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const hintId = useId();
  // Records retried, discarded or gone from this page since they were ticked no longer count.
  const chosen = letters.filter((letter) => selected.has(letter.id)).map((letter) => letter.id);
  const filtered = Boolean(filter.reason || filter.text);
  const selection = chosen.length > 0 ? chosen : filtered ? { filter } : ("all" as const);
  const retry = useMutation({
    mutationFn: () => retryFailedRecordsAction({ id: destinationId, selection }),
    onSuccess: (result) => {
      if (result.ok) setSelected(new Set());
    },
  });
  const retryFailure = retry.data && !retry.data.ok ? retry.data.error : null;
  const allOnPage = letters.length > 0 && chosen.length === letters.length;

  function toggle(id: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  const all = reasons.reduce((sum, kind) => sum + kind.count, 0);
  if (all === 0) {
    return (
      <p className="px-5 py-10 text-center text-sm text-slate-600">
        No failed records. A record lands here when the API refuses it or its retries run out, with the
        reason; you can fix it and send it again.
      </p>
    );
  }
  const exportHref = (format: "ndjson" | "csv") =>
    `/destinations/${destinationId}/failed-records/export?${new URLSearchParams({
      format,
      ...(filter.reason ? { reason: filter.reason } : {}),
      ...(filter.text ? { text: filter.text } : {}),
    })}`;
  return (
    <div>
      <FailedRecordsFilter destinationId={destinationId} reasons={reasons} filter={filter} all={all} />
      <p className="flex flex-wrap gap-3 border-b border-slate-100 px-5 py-2 text-sm text-slate-600">
        {filtered ? `${plural(total, "failed record matches", "failed records match")} the filter.` : null}
        <a href={exportHref("ndjson")} className="text-brand-600 hover:underline">
          Export NDJSON
        </a>
        <a href={exportHref("csv")} className="text-brand-600 hover:underline">
          Export CSV
        </a>
      </p>
      {canEdit ? (
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-5 py-3">
          <p id={hintId} className="text-sm text-slate-600">
            {chosen.length === 0
              ? `None selected: Retry Failed Records and Discard apply to ${filtered ? `the ${plural(total, "failed record", "failed records")} matching the filter` : everything(total)}.`
              : `${chosen.length.toLocaleString("en-US")} selected: Retry Failed Records and Discard apply to ${chosen.length === 1 ? "it" : "those"} only.`}
            {canRetry ? "" : " Retrying needs an active destination: Activate it first."}
          </p>
          <div className="flex items-center gap-2">
            <Button
              disabled={!canRetry || retry.isPending}
              aria-describedby={hintId}
              onClick={() => retry.mutate()}
            >
              Retry Failed Records
            </Button>
            <ConfirmButton
              label="Discard"
              question={
                chosen.length === 0
                  ? `Discard ${filtered ? `the ${plural(total, "failed record", "failed records")} matching the filter` : everything(total)}? ${total === 1 ? "It" : "They"} will not be sent.`
                  : `Discard the ${plural(chosen.length, "selected failed record", "selected failed records")}? ${chosen.length === 1 ? "It" : "They"} will not be sent.`
              }
              run={() => discardFailedRecordsAction({ id: destinationId, selection })}
            />
          </div>
        </div>
      ) : null}
      {retryFailure ? (
        <div className="px-5 pt-3">
          <FormError message={retryFailure} />
        </div>
      ) : null}
      {retry.data?.ok ? (
        <p role="status" className="px-5 pt-3 text-sm text-emerald-700">
          {plural(retry.data.data.records, "record is", "records are")} being sent again in a new run.
        </p>
      ) : null}
      <div className="overflow-x-auto">
        <table aria-label="Failed records" className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={allOnPage}
                  onChange={(event) =>
                    setSelected(new Set(event.target.checked ? letters.map((letter) => letter.id) : []))
                  }
                />
              </th>
              <th className="px-4 py-2 font-medium">Record</th>
              <th className="px-4 py-2 font-medium">Reason</th>
              <th className="px-4 py-2 font-medium">Last status</th>
              <th className="px-4 py-2 font-medium">Attempts</th>
              <th className="px-4 py-2 font-medium">Failed at</th>
              <th className="px-4 py-2 font-medium">Payload</th>
              <th className="px-4 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {letters.length === 0 ? (
              <tr>
                <td colSpan={8} className="px-4 py-6 text-center text-slate-600">
                  No failed records match this filter.
                </td>
              </tr>
            ) : null}
            {letters.map((letter) => {
              const number = letter.recordNumber === null ? null : recordNumber(letter.recordNumber);
              const name = number ? `record ${number}` : `failed record ${letter.id}`;
              return (
                <Fragment key={letter.id}>
                  <tr className="border-t border-slate-100 align-top">
                    <td className="px-4 py-3">
                      <input
                        type="checkbox"
                        aria-label={`Select ${name}`}
                        checked={selected.has(letter.id)}
                        onChange={(event) => toggle(letter.id, event.target.checked)}
                      />
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap font-mono text-xs">
                      {number ?? "—"}
                      {letter.edited ? (
                        <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 font-sans text-slate-600">
                          edited
                        </span>
                      ) : null}
                    </td>
                    <td className="max-w-xs px-4 py-3 break-words">
                      {letter.reason}
                      {letter.lastResponse ? (
                        <details className="mt-1 text-xs">
                          <summary className="cursor-pointer text-slate-500">Response</summary>
                          <pre className="mt-1 max-h-40 overflow-auto font-mono whitespace-pre-wrap break-all text-slate-700">
                            {letter.lastResponse}
                          </pre>
                        </details>
                      ) : null}
                    </td>
                    <td className="px-4 py-3">{letter.lastStatus ?? "—"}</td>
                    <td className="px-4 py-3">{letter.attempts}</td>
                    <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                      {formatDateTimeSeconds(letter.createdAt)}
                    </td>
                    <td className="px-4 py-3">
                      <pre className="max-h-32 min-w-48 max-w-sm overflow-auto font-mono text-xs whitespace-pre-wrap break-words">
                        {letter.payloadText}
                      </pre>
                    </td>
                    <td className="px-4 py-3">
                      {canEdit ? (
                        <Button
                          variant="secondary"
                          aria-expanded={editing === letter.id}
                          onClick={() => setEditing(editing === letter.id ? null : letter.id)}
                        >
                          Edit
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                  {editing === letter.id ? (
                    <tr className="bg-slate-50">
                      <td colSpan={8} className="px-4 py-3">
                        <DeadLetterEditor
                          destinationId={destinationId}
                          letter={letter}
                          name={name}
                          onClose={() => setEditing(null)}
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * Failed records by reason, and a filter by reason and text. A plain GET form: the filter lives in
 * the URL, so a filtered list can be shared and reloaded.
 */
function FailedRecordsFilter({
  destinationId,
  reasons,
  filter,
  all,
}: {
  destinationId: string;
  reasons: ReasonCount[];
  filter: DeadLetterFilter;
  all: number;
}) {
  return (
    <div className="space-y-3 border-b border-slate-100 px-5 py-3">
      <ul aria-label="Failed records by reason" className="space-y-1 text-sm">
        {reasons.map((kind) => (
          <li key={kind.reason} className="flex gap-2">
            <span className="w-16 shrink-0 text-right tabular-nums text-slate-600">
              {kind.count.toLocaleString("en-US")}
            </span>
            <Link
              href={`/destinations/${destinationId}?${new URLSearchParams({ tab: "failed", failedReason: kind.reason })}`}
              aria-current={filter.reason === kind.reason ? "true" : undefined}
              className="break-words text-brand-600 hover:underline aria-[current]:font-semibold"
            >
              {kind.reason || "(no reason)"}
            </Link>
          </li>
        ))}
      </ul>
      <form method="get" action={`/destinations/${destinationId}`} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="tab" value="failed" />
        <div className="min-w-64 flex-1">
          <label htmlFor="failed-reason" className="block text-sm font-medium text-slate-700">
            Reason
          </label>
          <select
            id="failed-reason"
            name="failedReason"
            defaultValue={filter.reason ?? ""}
            className={`${filterInputClass} w-full`}
          >
            <option value="">Any reason ({all.toLocaleString("en-US")})</option>
            {reasons.map((kind) => (
              <option key={kind.reason} value={kind.reason}>
                {kind.reason.length > 120 ? `${kind.reason.slice(0, 117)}…` : kind.reason} (
                {kind.count.toLocaleString("en-US")})
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-48">
          <label htmlFor="failed-text" className="block text-sm font-medium text-slate-700">
            Reason or record contains
          </label>
          <input
            id="failed-text"
            name="failedText"
            type="search"
            defaultValue={filter.text ?? ""}
            className={filterInputClass}
          />
        </div>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-50"
        >
          Filter
        </button>
      </form>
    </div>
  );
}

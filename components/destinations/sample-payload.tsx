"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { refreshAccountFactsAction } from "@/app/(app)/destinations/actions";
import { Button } from "@/components/ui/button";
import { CopyCurl } from "@/components/ui/copy-curl";
import { MessageBody } from "@/components/ui/message-body";
import type { Preview, PreviewRequest } from "@/lib/destinations/preview-requests";
import { PreflightReport } from "./preflight-report";
import { destinationKeys } from "./query-keys";

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}

function forecastText(forecast: NonNullable<Preview["forecast"]>): string {
  const count = (n: number) => n.toLocaleString("en-US");
  const time = forecast.seconds !== null ? `, about ${duration(forecast.seconds)} at the rate limit` : "";
  const estimate = forecast.exact ? "" : ` Estimated from the newest ${count(forecast.checked)} records.`;
  return `Whole dataset: ${forecast.exact ? "" : "about "}${count(forecast.sendable)} of ${count(forecast.records)} records would be sent in ${count(forecast.requests)} requests${time}.${estimate}`;
}

/** The exact requests the current settings build from the dataset's newest records. */
export function SamplePayload({
  destinationId,
  credentialId,
  preview,
  error,
  loading,
  count,
  onCountChange,
}: {
  destinationId: string;
  credentialId: string | null;
  preview: Preview | undefined;
  error: string | null;
  loading: boolean;
  count: number;
  onCountChange: (count: number) => void;
}) {
  const forecast = preview?.forecast;
  const queryClient = useQueryClient();
  const refresh = useMutation({
    mutationFn: async () => {
      if (!credentialId) throw new Error("Choose a credential first.");
      const result = await refreshAccountFactsAction({ credentialId });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: destinationKeys.previews(destinationId) }),
  });
  return (
    <section aria-labelledby="sample-payload-heading" aria-busy={loading} className="space-y-3">
      <div className="flex items-center justify-between">
        <h2 id="sample-payload-heading" className="font-semibold">
          Sample Payload
        </h2>
        <label className="flex items-center gap-2 text-sm text-slate-600">
          Requests shown
          <select
            value={count}
            onChange={(e) => onCountChange(Number(e.target.value))}
            className="rounded border border-slate-300 px-2 py-1"
          >
            {[1, 3, 5, 10].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
      </div>
      {forecast ? <p className="text-sm text-slate-600">{forecastText(forecast)}</p> : null}
      {preview?.warnings.map((warning) => (
        <p
          key={warning}
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800"
        >
          {warning}
        </p>
      ))}
      {preview?.account ? (
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span>
            {preview.account.count !== null
              ? `${preview.account.count} ${preview.account.label}`
              : `The ${preview.account.label} are not known`}
            {preview.account.readAt ? `, read ${new Date(preview.account.readAt).toLocaleTimeString()}` : ""}.
            {preview.account.error ? ` ${preview.account.error}` : ""}
          </span>
          <Button variant="secondary" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
            {refresh.isPending ? "Refreshing…" : "Refresh properties"}
          </Button>
          {refresh.error ? <span className="text-red-700">{refresh.error.message}</span> : null}
        </div>
      ) : null}
      {error ? (
        <p
          role="alert"
          data-form-error
          className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800"
        >
          {error}
        </p>
      ) : null}
      {preview && Object.keys(preview.fieldErrors).length > 0 ? (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Fix the highlighted fields to see the requests.
        </p>
      ) : null}
      {preview && preview.requests.length === 0 && Object.keys(preview.fieldErrors).length === 0 && !error ? (
        <p className="text-sm text-slate-600">
          No request can be built from the newest records: see the problems below.
        </p>
      ) : null}
      <ol className="space-y-3">
        {preview?.requests.map((request, index) => (
          <li
            key={request.recordIds.join(",") || index}
            className="rounded-lg border border-slate-200 bg-white"
            aria-label={`Request ${index + 1}`}
          >
            <p className="border-b border-slate-100 px-3 py-2 font-mono text-xs break-all">
              <span className="font-semibold">{request.method}</span> <span>{request.url}</span>
            </p>
            <dl className="border-b border-slate-100 px-3 py-2 font-mono text-xs text-slate-600">
              {Object.entries(request.headers).map(([name, value]) => (
                <div key={name}>
                  <dt className="inline">{name}: </dt>
                  <dd className="inline">{value}</dd>
                </div>
              ))}
            </dl>
            <section aria-label="Request body" className="px-3 py-2">
              {request.body === null ? (
                <p className="text-xs text-slate-500">(no body)</p>
              ) : (
                <MessageBody body={request.body} contentType={request.headers["content-type"]} />
              )}
            </section>
            <div className="border-t border-slate-100 px-3 py-1.5">
              <CopyCurl curl={request.curl} />
            </div>
            <Lineage request={request} index={index} />
            <p className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">
              {request.group ? `${request.group} · ` : ""}
              Carries record{request.recordIds.length === 1 ? "" : "s"} {request.records}
            </p>
          </li>
        ))}
      </ol>
      {preview?.preflight ? <PreflightReport preflight={preview.preflight} /> : null}
      {preview && preview.skipped.length > 0 ? (
        <p className="text-sm text-slate-600">
          {preview.skipped.length} sampled record{preview.skipped.length === 1 ? " is" : "s are"} skipped:{" "}
          {preview.skipped[0]?.reason}
        </p>
      ) : null}
      {preview && preview.sampledRecords > 0 ? (
        <p className="text-xs text-slate-400">
          Built from the {preview.sampledRecords} newest records in {preview.elapsedMs} ms.
        </p>
      ) : null}
    </section>
  );
}

/** Which source produced each field of the request's records, on demand. */
function Lineage({ request, index }: { request: PreviewRequest; index: number }) {
  const [open, setOpen] = useState(false);
  const rows = request.lineage.flatMap((sources, position) =>
    Object.entries(sources).map(([target, source]) => ({
      record: request.recordNumbers[position],
      target,
      source,
    })),
  );
  if (rows.length === 0) return null;
  return (
    <div className="border-t border-slate-100 px-3 py-1.5 text-xs">
      <button type="button" className="text-brand-700 hover:underline" onClick={() => setOpen(!open)}>
        {open ? "Hide field sources" : "Show field sources"}
      </button>
      {open ? (
        <table aria-label={`Field sources of request ${index + 1}`} className="mt-1 w-full font-mono">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="pr-2 font-medium">Record</th>
              <th className="pr-2 font-medium">Field</th>
              <th className="font-medium">From</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.record}:${row.target}`}>
                <td className="pr-2">{row.record}</td>
                <td className="pr-2">{row.target}</td>
                <td>{row.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

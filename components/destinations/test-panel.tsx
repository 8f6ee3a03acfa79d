"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { sendTestDataAction } from "@/app/(app)/destinations/actions";
import { Button } from "@/components/ui/button";
import { CodeEditor } from "@/components/ui/code-editor";
import { CopyCurl } from "@/components/ui/copy-curl";
import { FormError } from "@/components/ui/form-error";
import { MessageBody } from "@/components/ui/message-body";
import type { DestinationConfig } from "@/lib/destinations/destination-config";
import type { Preview } from "@/lib/destinations/preview-requests";

type Bin = { id: string; name: string };

function jsonProblem(body: string, contentType: string | undefined): string | null {
  if (!contentType?.includes("json") || contentType.includes("ndjson")) return null;
  try {
    JSON.parse(body);
    return null;
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
}

/** Test: send one sample request for real, edited if need be, and show the Endpoint Test Result. */
export function TestPanel({
  destinationId,
  config,
  preview,
  bins,
  effect,
}: {
  destinationId: string;
  config: DestinationConfig;
  preview: Preview | undefined;
  bins: Bin[];
  effect: string | undefined;
}) {
  const [index, setIndex] = useState(0);
  // An edit belongs to the body it was made from: new settings build a new body and drop it.
  const [edit, setEdit] = useState<{ of: string | null; text: string } | null>(null);
  const [toInspector, setToInspector] = useState(false);
  // Deleting or overwriting data in the user's account is confirmed for each request sent.
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [binId, setBinId] = useState(bins[0]?.id ?? "");
  const sample = preview?.requests[index];
  const contentType = sample?.headers["content-type"];
  const body = edit && edit.of === (sample?.body ?? null) ? edit.text : null;
  const shownBody = body ?? sample?.body ?? "";
  const problem = body !== null ? jsonProblem(body, contentType) : null;
  const needsConfirming = !toInspector && (effect === "deletes" || effect === "writes");
  const confirmKey = `${index}:${shownBody}:${effect}`;

  // The settings a result was sent with: once they change, the result is of the previous ones.
  const send = useMutation({
    mutationFn: (sentWith: DestinationConfig) =>
      sendTestDataAction({
        id: destinationId,
        config: sentWith,
        requestIndex: index,
        body,
        inspectorBinId: toInspector ? binId : null,
      }),
  });
  const result = send.data?.ok ? send.data.data : null;
  const stale = send.variables !== undefined && JSON.stringify(send.variables) !== JSON.stringify(config);
  const failure = send.data && !send.data.ok ? send.data : null;

  return (
    <section
      aria-labelledby="test-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="test-heading" className="font-semibold">
        Test
      </h2>
      {!sample ? (
        <p className="text-sm text-slate-600">A sample request appears here once the settings build one.</p>
      ) : (
        <>
          <label className="flex items-center gap-2 text-sm">
            Sample
            <select
              value={index}
              onChange={(e) => setIndex(Number(e.target.value))}
              className="rounded border border-slate-300 px-2 py-1"
            >
              {preview?.requests.map((r, i) => (
                <option key={r.recordIds.join(",")} value={i}>
                  Request {i + 1} (record{r.recordIds.length === 1 ? "" : "s"} {r.records})
                </option>
              ))}
            </select>
          </label>
          <div>
            <p className="text-sm font-medium text-slate-700">Body to send</p>
            <CodeEditor
              label="Body to send"
              value={shownBody}
              language={contentType?.includes("json") && !contentType.includes("ndjson") ? "json" : "text"}
              onChange={(text) => setEdit({ of: sample?.body ?? null, text })}
            />
            {problem ? <p className="mt-1 text-sm text-red-600">{problem}</p> : null}
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={toInspector}
              onChange={(e) => setToInspector(e.target.checked)}
              disabled={bins.length === 0}
            />
            Send to the Request Inspector instead{bins.length === 0 ? " (create an inspector first)" : ""}
          </label>
          {toInspector ? (
            <select
              aria-label="Inspector"
              value={binId}
              onChange={(e) => setBinId(e.target.value)}
              className="rounded border border-slate-300 px-2 py-1 text-sm"
            >
              {bins.map((bin) => (
                <option key={bin.id} value={bin.id}>
                  {bin.name}
                </option>
              ))}
            </select>
          ) : effect === "creates" || effect === "deletes" || effect === "writes" ? (
            <div className="space-y-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
              <p>
                This request {effect === "deletes" ? "deletes" : effect === "creates" ? "creates" : "changes"}{" "}
                data in your {config.endpoint.connectorId === "http" ? "API" : "account"} for real.
              </p>
              {needsConfirming ? (
                <label className="flex items-center gap-2 font-medium">
                  <input
                    type="checkbox"
                    checked={confirmed === confirmKey}
                    onChange={(e) => setConfirmed(e.target.checked ? confirmKey : null)}
                  />
                  {effect === "deletes" ? "Yes, delete this data for real" : "Yes, change this data for real"}
                </label>
              ) : null}
            </div>
          ) : null}
          <FormError message={failure ? (failure.fieldErrors?.body ?? failure.error) : null} />
          <Button
            disabled={send.isPending || Boolean(problem) || (needsConfirming && confirmed !== confirmKey)}
            onClick={() => send.mutate(config)}
          >
            {send.isPending ? "Sending…" : "Send Test Data"}
          </Button>
        </>
      )}
      {result ? (
        <section
          aria-label="Endpoint Test Result"
          className={`space-y-2 rounded-md border p-3 text-sm ${stale ? "border-slate-200 bg-slate-50 text-slate-600" : !result.ok ? "border-red-200 bg-red-50" : result.partial || (result.job && result.job.state !== "COMPLETED") ? "border-amber-300 bg-amber-50" : "border-emerald-200 bg-emerald-50"}`}
        >
          <h3 className="font-semibold">Endpoint Test Result</h3>
          {stale ? (
            <p role="status" className="font-medium">
              From the previous settings: send again to test these.
            </p>
          ) : null}
          <p>
            {result.status ?? "No response"} · {result.durationMs} ms · {result.summary}
          </p>
          {result.job ? (
            <p className={result.job.state === "COMPLETED" ? "" : "font-medium text-amber-900"}>
              Import job {result.job.id}:{" "}
              {result.job.state === "COMPLETED"
                ? `imported (COMPLETED after ${result.job.checks} check${result.job.checks === 1 ? "" : "s"}).`
                : result.job.state === "FAILED"
                  ? "FAILED: the records it refused are below."
                  : result.job.state === "PROCESSING"
                    ? `still PROCESSING after ${result.job.checks} checks: whether it refuses records shows only when it ends.`
                    : `could not be checked (${result.job.state}).`}
            </p>
          ) : null}
          {result.partial ? (
            <div className="text-amber-900">
              <p className="font-medium">
                Partly accepted: {result.partial.accepted} record{result.partial.accepted === 1 ? "" : "s"}{" "}
                taken, {result.partial.refused.length} refused.
              </p>
              <ul aria-label="Refused records" className="mt-1 list-disc pl-5">
                {result.partial.refused.map((refused) => (
                  <li key={`${refused.record}:${refused.message}`}>
                    Record {refused.record}: {refused.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {result.hint ? <p>{result.hint}</p> : null}
          {result.apiMessage ? <p>The API said: {result.apiMessage}</p> : null}
          <p className="font-mono text-xs">
            {result.sent.method} {result.sent.url}
          </p>
          <details>
            <summary className="cursor-pointer">Response headers</summary>
            <pre className="overflow-x-auto font-mono text-xs">
              {Object.entries(result.responseHeaders)
                .map(([k, v]) => `${k}: ${v}`)
                .join("\n")}
            </pre>
          </details>
          <CopyCurl curl={result.sent.curl} />
          <section aria-label="Response body" className="rounded bg-white p-2">
            {result.responseBody ? (
              <MessageBody body={result.responseBody} contentType={result.responseHeaders["content-type"]} />
            ) : (
              <p className="text-xs text-slate-500">(empty body)</p>
            )}
            {result.responseTruncated ? <p className="text-xs text-slate-500">… (truncated)</p> : null}
          </section>
        </section>
      ) : null}
    </section>
  );
}

"use client";

import type { Preview } from "@/lib/destinations/preview-requests";

function pretty(body: string | null, contentType: string | undefined): string {
  if (body === null) return "(no body)";
  if (contentType?.includes("json") && !contentType.includes("ndjson")) {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  return body;
}

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}

/** The exact requests the current settings build from the dataset's newest records. */
export function SamplePayload({
  preview,
  error,
  loading,
  count,
  onCountChange,
}: {
  preview: Preview | undefined;
  error: string | null;
  loading: boolean;
  count: number;
  onCountChange: (count: number) => void;
}) {
  const forecast = preview?.forecast;
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
      {forecast ? (
        <p className="text-sm text-slate-600" data-testid="forecast">
          Whole dataset: {forecast.exact ? "" : "about "}
          {forecast.sendable.toLocaleString("en-US")} of {forecast.records.toLocaleString("en-US")} records
          would be sent in {forecast.requests.toLocaleString("en-US")} requests
          {forecast.seconds !== null ? `, about ${duration(forecast.seconds)} at the rate limit` : ""}.
        </p>
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
            <p className="border-b border-slate-100 px-3 py-2 font-mono text-xs">
              <span className="font-semibold">{request.method}</span>{" "}
              <span data-testid="request-url">{request.url}</span>
            </p>
            <dl className="border-b border-slate-100 px-3 py-2 font-mono text-xs text-slate-600">
              {Object.entries(request.headers).map(([name, value]) => (
                <div key={name}>
                  <dt className="inline">{name}: </dt>
                  <dd className="inline">{value}</dd>
                </div>
              ))}
            </dl>
            <pre data-testid="request-body" className="max-h-72 overflow-auto px-3 py-2 font-mono text-xs">
              {pretty(request.body, request.headers["content-type"])}
            </pre>
            <p className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">
              Carries record{request.recordIds.length === 1 ? "" : "s"} {request.recordIds.join(", ")}
            </p>
          </li>
        ))}
      </ol>
      {preview && preview.problems.length > 0 ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">Records that would not be sent</p>
          <ul className="mt-1 list-disc pl-5">
            {preview.problems.slice(0, 10).map((problem) => (
              <li key={problem.recordId}>
                Record {problem.recordId}: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
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

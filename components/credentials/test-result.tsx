import type { ConnectionTestOutcome } from "@/lib/credentials/test-connection";

/** The outcome of Test Connection: what was called, what came back, and what to do about it. */
export function TestResult({ outcome }: { outcome: ConnectionTestOutcome }) {
  return (
    <div
      role={outcome.ok ? "status" : "alert"}
      data-test-result={outcome.ok ? "success" : "failure"}
      className={`rounded-md border p-3 text-sm ${outcome.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-900"}`}
    >
      <p className="font-medium">{outcome.summary}</p>
      {outcome.hint ? <p className="mt-1">{outcome.hint}</p> : null}
      {outcome.apiMessage ? (
        <p className="mt-1">
          The API said: <q className="font-mono text-xs">{outcome.apiMessage}</q>
        </p>
      ) : null}
      {outcome.warning ? (
        <p className="mt-2 rounded bg-amber-100 px-2 py-1 text-amber-900">{outcome.warning}</p>
      ) : null}
      <p className="mt-2 font-mono text-xs opacity-75">
        {outcome.called}
        {outcome.status ? ` → ${outcome.status}` : ""} · {outcome.durationMs} ms
      </p>
    </div>
  );
}

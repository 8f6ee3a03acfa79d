import type { Preflight } from "@/lib/destinations/preflight";

const KIND_LABELS: Record<Preflight["issues"][number]["kind"], string> = {
  missing: "Missing required field",
  type: "Wrong type",
  expression: "Expression error",
  transform: "Transform error",
  endpoint: "Endpoint settings",
  "endpoint-rule": "Refused by the API's rules",
};

function share(count: number, preflight: Preflight): string {
  const percent = Math.round((count / Math.max(1, preflight.checked)) * 100);
  return preflight.exact
    ? `${count.toLocaleString("en-US")} of ${preflight.total.toLocaleString("en-US")} records`
    : `${count.toLocaleString("en-US")} of the ${preflight.checked.toLocaleString("en-US")} newest records checked (about ${percent}%)`;
}

/** Pre-flight over the dataset: what would keep records from being sent, and what would be left out. */
export function PreflightReport({ preflight }: { preflight: Preflight }) {
  if (preflight.issues.length === 0 && preflight.dropped.length === 0) {
    return (
      <p className="text-sm text-emerald-700">
        Pre-flight:{" "}
        {preflight.exact ? "every record" : `every one of the ${preflight.checked} newest records`} can be
        sent{preflight.skipped > 0 ? ` (${preflight.skipped} skipped on purpose)` : ""}.
      </p>
    );
  }
  return (
    <section aria-label="Pre-flight" className="space-y-2 text-sm">
      {preflight.issues.length > 0 ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900">
          <p className="font-medium">Pre-flight: records that would not be sent</p>
          <ul className="mt-1 space-y-1">
            {preflight.issues.map((issue) => (
              <li key={`${issue.kind}:${issue.field ?? issue.message}`}>
                <span className="font-medium">
                  {KIND_LABELS[issue.kind]}
                  {issue.field ? ` · ${issue.field}` : ""}
                </span>
                : {share(issue.count, preflight)}, e.g. record{issue.examples.length === 1 ? "" : "s"}{" "}
                {issue.examples.join(", ")}. {issue.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {preflight.dropped.length > 0 ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-slate-700">
          <p className="font-medium">Fields the account does not have</p>
          <ul className="mt-1 space-y-1">
            {preflight.dropped.map((drop) => (
              <li key={drop.field}>
                <span className="font-mono">{drop.field}</span>: {drop.message} (
                {share(drop.count, preflight)})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

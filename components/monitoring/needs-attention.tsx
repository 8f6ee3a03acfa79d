import Link from "next/link";
import { formatDateTime } from "@/components/ui/format-date";
import type { Dashboard } from "@/lib/monitoring/dashboard";

/**
 * What needs a person: failing destinations with the reason, active ones none of whose recent
 * requests got through, and API keys that expire soon or have expired, each with what to do and a
 * link to where to do it. Nothing is shown when all is well.
 */
export function NeedsAttention({ callouts }: { callouts: Dashboard["callouts"] }) {
  const count = callouts.failing.length + callouts.retrying.length + callouts.credentials.length;
  if (count === 0) return null;
  return (
    <section
      aria-labelledby="needs-attention"
      className="mb-8 rounded-lg border border-red-300 bg-red-50 px-5 py-4 text-sm text-red-950"
    >
      <h2 id="needs-attention" className="font-semibold">
        Needs attention
      </h2>
      <ul className="mt-2 divide-y divide-red-200">
        {callouts.failing.map((failing) => (
          <li key={failing.destinationId} className="py-2">
            <p>
              <Link href={failing.href} className="font-semibold underline hover:no-underline">
                {failing.name}
              </Link>{" "}
              is failing{failing.since ? ` since ${formatDateTime(failing.since)}` : ""}.
            </p>
            <p className="mt-0.5 break-words">{failing.reason}</p>
          </li>
        ))}
        {callouts.retrying.map((retrying) => (
          <li key={retrying.destinationId} className="py-2">
            <p>
              <Link href={retrying.href} className="font-semibold underline hover:no-underline">
                {retrying.name}
              </Link>{" "}
              is getting nothing through: {retrying.requestsFailed.toLocaleString("en-US")} request
              {retrying.requestsFailed === 1 ? "" : "s"} since {formatDateTime(retrying.since)}, none
              delivered; it keeps retrying.
            </p>
            {retrying.lastError ? (
              <p className="mt-0.5 break-words">Last error: {retrying.lastError}</p>
            ) : null}
          </li>
        ))}
        {callouts.credentials.map((credential) => (
          <li key={credential.credentialId} className="py-2">
            <p>
              <span className="font-semibold">{credential.name}</span> ({credential.connectorName}):{" "}
              {credential.summary}
              {credential.usedBy > 0
                ? `, used by ${credential.usedBy} destination${credential.usedBy === 1 ? "" : "s"}`
                : ""}
              .
            </p>
            <p className="mt-0.5">
              {credential.action}{" "}
              <Link href={credential.href} className="font-medium underline hover:no-underline">
                Update {credential.name}
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

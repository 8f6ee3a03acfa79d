import Link from "next/link";
import type { ReactNode } from "react";
import { DestinationStatusBadge } from "@/components/delivery/destination-status-badge";
import { formatDate, formatDateTime } from "@/components/ui/format-date";
import type { CredentialHealthReport } from "@/lib/credentials/credential-health";
import { describeRateLimit, describeWindow } from "@/lib/credentials/rate-limit-usage";

/** The credential page's "Health" section: what delivery has seen of this credential lately. */
export function CredentialHealthPanel({ health }: { health: CredentialHealthReport }) {
  const { lastSuccess, lastError, expiry, rateLimit, usage } = health;
  const recovered = lastSuccess && lastError && lastSuccess.at > lastError.at;
  return (
    <section aria-labelledby="health-heading" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="health-heading" className="font-semibold text-slate-900">
        Health
      </h2>
      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
        <Row term="Last successful use">
          {lastSuccess ? (
            <>
              {formatDateTime(lastSuccess.at)} by{" "}
              <DestinationLink id={lastSuccess.destinationId} name={lastSuccess.destinationName} />
            </>
          ) : (
            "No request has been delivered with it yet."
          )}
        </Row>
        <Row term="Last error">
          {lastError ? (
            <>
              <span>
                {formatDateTime(lastError.at)} by{" "}
                <DestinationLink id={lastError.destinationId} name={lastError.destinationName} />
                {recovered ? " (requests have been delivered since)" : null}
              </span>
              <span className="mt-1 block break-words text-slate-600">{lastError.message}</span>
            </>
          ) : (
            "None"
          )}
        </Row>
        <Row term="Key expiry">
          {expiry
            ? expiry.state === "expired"
              ? `Expired on ${formatDate(expiry.expiresAt)}`
              : `Expires on ${formatDate(expiry.expiresAt)}, in ${expiry.daysLeft === 1 ? "1 day" : `${expiry.daysLeft} days`}`
            : health.keyLifetimeDays
              ? `Keys last ${health.keyLifetimeDays} days: enter when this one was created to be warned before it expires.`
              : "Keys for this connector do not expire."}
        </Row>
        <Row term="Rate limit">
          {rateLimit
            ? `${describeRateLimit(rateLimit)} (${rateLimit.source === "credential" ? "set on this credential" : "the connector's default"}), shared by every destination using it`
            : "None"}
        </Row>
        {health.throttle ? (
          <Row term="Right now">
            <span role="status" className="font-medium text-amber-800">
              {health.throttle}
            </span>
          </Row>
        ) : null}
        <Row term="Rate limit used">
          {usageText(usage.requestsLastHour, usage.perWindow, usage.share, rateLimit?.windowSeconds)}
        </Row>
      </dl>

      <h3 className="mt-6 text-sm font-semibold text-slate-900">Destinations using this credential</h3>
      {health.destinations.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">None yet.</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-2 pr-4 font-medium">Destination</th>
              <th className="py-2 pr-4 font-medium">Status</th>
              <th className="py-2 pr-4 font-medium">Last delivered</th>
              <th className="py-2 font-medium">Last error</th>
            </tr>
          </thead>
          <tbody>
            {health.destinations.map((destination) => (
              <tr key={destination.id} className="border-t border-slate-100">
                <td className="py-2 pr-4">
                  <DestinationLink id={destination.id} name={destination.name} />
                </td>
                <td className="py-2 pr-4">
                  <DestinationStatusBadge status={destination.status} />
                </td>
                <td className="py-2 pr-4 text-slate-600">
                  {destination.lastSuccessAt ? formatDateTime(destination.lastSuccessAt) : "—"}
                </td>
                <td className="py-2 text-slate-600">
                  {destination.lastErrorAt ? formatDateTime(destination.lastErrorAt) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{term}</dt>
      <dd className="text-slate-800">{children}</dd>
    </>
  );
}

function DestinationLink({ id, name }: { id: string; name: string }) {
  return (
    <Link href={`/destinations/${id}`} className="font-medium text-brand-700 hover:underline">
      {name}
    </Link>
  );
}

function usageText(
  requests: number,
  perWindow: number,
  share: number | null,
  windowSeconds?: number,
): string {
  const sent = `${requests.toLocaleString("en-US")} ${requests === 1 ? "request" : "requests"} in the last hour`;
  if (share === null || !windowSeconds) return sent;
  const average = perWindow >= 10 ? Math.round(perWindow).toLocaleString("en-US") : perWindow.toFixed(1);
  const percent = share > 0 && share < 0.01 ? "under 1%" : `${Math.round(share * 100)}%`;
  return `${sent}: on average ${average} per ${describeWindow(windowSeconds)}, ${percent} of the limit`;
}

import Link from "next/link";
import type { DeliveryOverview } from "@/lib/delivery/read-delivery";
import { formatDateTimeSeconds } from "./format-time";

const count = (value: number) => value.toLocaleString("en-US");

/** Where delivery stands: when it sends, what is waiting, when the next retry goes. */
export function DeliveryPanel({
  destinationId,
  overview,
}: {
  destinationId: string;
  overview: DeliveryOverview;
}) {
  return (
    <section aria-labelledby="delivery-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="delivery-heading" className="mb-3 font-semibold">
        Delivery
      </h2>
      <dl className="grid grid-cols-[12rem_1fr] gap-y-1 text-sm">
        <dt className="text-slate-500">Schedule</dt>
        <dd>{overview.schedule}</dd>
        {overview.nextScheduledAt ? (
          <>
            <dt className="text-slate-500">Next scheduled run</dt>
            <dd>{formatDateTimeSeconds(overview.nextScheduledAt)}</dd>
          </>
        ) : null}
        <dt className="text-slate-500">Records waiting</dt>
        <dd>{count(overview.recordsWaiting)}</dd>
        <dt className="text-slate-500">Requests queued</dt>
        <dd>{count(overview.requestsQueued)}</dd>
        <dt className="text-slate-500">Next retry</dt>
        <dd>
          {!overview.nextRetryAt
            ? "None waiting"
            : overview.status !== "active"
              ? "After Activate"
              : // A time already past means the retry is waiting for a free sender, not for the clock.
                overview.nextRetryAt.getTime() <= Date.now()
                ? "Due now"
                : formatDateTimeSeconds(overview.nextRetryAt)}
        </dd>
        {overview.rateLimit ? (
          <>
            <dt className="text-slate-500">Rate limit</dt>
            <dd className={overview.rateLimit.held ? "font-medium text-amber-800" : undefined}>
              {overview.rateLimit.text} ·{" "}
              <Link
                href={`/credentials/${overview.rateLimit.credentialId}`}
                className="text-brand-600 hover:underline"
              >
                credential
              </Link>
            </dd>
          </>
        ) : null}
        <dt className="text-slate-500">Failed records</dt>
        <dd>
          {overview.deadLetters > 0 ? (
            <Link
              href={`/destinations/${destinationId}?tab=failed`}
              className="text-brand-600 hover:underline"
            >
              {count(overview.deadLetters)}
            </Link>
          ) : (
            "None"
          )}
        </dd>
        {overview.responseDataset ? (
          <>
            <dt className="text-slate-500">API responses</dt>
            <dd>
              <Link
                href={`/datasets/${overview.responseDataset.id}`}
                className="text-brand-600 hover:underline"
              >
                {overview.responseDataset.name}
              </Link>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

import Link from "next/link";
import { formatCount } from "./format-stats";
import { STOPPED_BY_LABELS } from "./run-labels";

/**
 * A run its destination stopped: what stopped it, what it delivered, what is still waiting, and
 * what brings the waiting records out.
 */
export function RunStoppedAlert({
  stoppedBy,
  reason,
  delivered,
  waiting,
  destinationId,
  credentialId,
}: {
  stoppedBy: string;
  reason: string | null;
  delivered: number;
  waiting: number | null;
  destinationId: string;
  credentialId: string | null;
}) {
  const label = STOPPED_BY_LABELS[stoppedBy] ?? "Stopped";
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 px-5 py-4 text-sm text-red-900">
      <p className="font-semibold">
        {label} — {formatCount(delivered)} delivered
        {waiting !== null ? `, ${formatCount(waiting)} waiting` : ""}.
      </p>
      {reason ? <p className="mt-1 break-words">{reason}</p> : null}
      <p className="mt-2">
        {stoppedBy === "credentialRejected" && credentialId ? (
          <>
            <Link href={`/credentials/${credentialId}`} className="font-medium underline hover:no-underline">
              Fix the credential
            </Link>{" "}
            (its key, or the permissions the API asks for), then Activate the destination.
          </>
        ) : stoppedBy === "failedRunsExceeded" ? (
          <>
            See why in{" "}
            <Link
              href={`/destinations/${destinationId}?tab=failed`}
              className="font-medium underline hover:no-underline"
            >
              Failed Records
            </Link>
            , fix the cause, then Activate the destination.
          </>
        ) : (
          <>
            Choose what to send with in the{" "}
            <Link
              href={`/destinations/${destinationId}/setup`}
              className="font-medium underline hover:no-underline"
            >
              destination's setup
            </Link>
            , then Activate it.
          </>
        )}{" "}
        The waiting records go out then; none is lost.
      </p>
    </div>
  );
}

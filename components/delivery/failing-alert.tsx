import Link from "next/link";
import { formatDateTimeSeconds } from "./format-time";

/** Why a failing destination stopped sending, and what brings it back. */
export function FailingAlert({
  reason,
  since,
  cause,
  credentialId,
}: {
  reason: string | null;
  since: Date | null;
  cause: string | null;
  credentialId: string | null;
}) {
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 px-5 py-4 text-sm text-red-900">
      <p className="font-semibold">
        Delivery stopped{since ? ` at ${formatDateTimeSeconds(since)}` : ""}: this destination is failing.
      </p>
      <p className="mt-1 break-words">{reason ?? "The last runs delivered nothing."}</p>
      {cause === "credentialRejected" && credentialId ? (
        <p className="mt-2">
          <Link href={`/credentials/${credentialId}`} className="font-medium underline hover:no-underline">
            Fix the credential
          </Link>{" "}
          (its key, or the permissions the API asks for), then Activate.
        </p>
      ) : null}
      <p className="mt-2 font-medium">
        Records keep waiting, none is lost. Activate resumes delivery once fixed.
      </p>
    </div>
  );
}

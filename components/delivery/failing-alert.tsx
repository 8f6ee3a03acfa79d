import { formatDateTimeSeconds } from "./format-time";

/** Why a failing destination stopped sending, and what brings it back. */
export function FailingAlert({ reason, since }: { reason: string | null; since: Date | null }) {
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 px-5 py-4 text-sm text-red-900">
      <p className="font-semibold">
        Delivery stopped{since ? ` at ${formatDateTimeSeconds(since)}` : ""}: this destination is failing.
      </p>
      <p className="mt-1 break-words">{reason ?? "The last runs delivered nothing."}</p>
      <p className="mt-2 font-medium">
        Records keep waiting, none is lost. Activate resumes delivery once fixed.
      </p>
    </div>
  );
}

import type { NotificationKind } from "@/lib/db/generated/client";

/** Every kind has its label and colour; a new kind fails the type check until it has both. */
export const notificationKindLabels: Record<NotificationKind, { label: string; className: string }> = {
  destination_failing: { label: "Destination failing", className: "bg-red-50 text-red-700" },
  run_failed: { label: "Run failed", className: "bg-amber-50 text-amber-800" },
  credential_expiring: { label: "Credential expiring", className: "bg-amber-50 text-amber-800" },
  credential_expired: { label: "Credential expired", className: "bg-red-50 text-red-700" },
};

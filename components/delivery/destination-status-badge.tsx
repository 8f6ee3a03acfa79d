import type { DeliveryOverview } from "@/lib/delivery/read-delivery";

type Status = DeliveryOverview["status"];

const BADGES: Record<Status, { label: string; className: string }> = {
  draft: { label: "Draft", className: "bg-slate-100 text-slate-700 ring-slate-500/20" },
  active: { label: "Active", className: "bg-emerald-50 text-emerald-700 ring-emerald-600/20" },
  paused: { label: "Paused", className: "bg-amber-50 text-amber-800 ring-amber-600/30" },
  failing: { label: "Failing", className: "bg-red-50 text-red-700 ring-red-600/20" },
};

/**
 * `live` marks the badge at the top of a destination's page, which changes in place on Activate or
 * Pause: it is announced, and named so it can be found. Badges in lists stay plain.
 */
export function DestinationStatusBadge({ status, live = false }: { status: Status; live?: boolean }) {
  const badge = BADGES[status];
  return (
    <span
      {...(live ? { role: "status", "aria-label": "Destination status" } : {})}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${badge.className}`}
    >
      {badge.label}
    </span>
  );
}

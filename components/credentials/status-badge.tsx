import type { CredentialHealth } from "@/lib/credentials/list-credentials";

const BADGES: Record<CredentialHealth, { label: string; className: string }> = {
  verified: { label: "Verified", className: "bg-emerald-50 text-emerald-700 ring-emerald-600/20" },
  failed: { label: "Failed", className: "bg-red-50 text-red-700 ring-red-600/20" },
  untested: { label: "Untested", className: "bg-slate-100 text-slate-700 ring-slate-500/20" },
  expiring: { label: "Expiring", className: "bg-amber-50 text-amber-800 ring-amber-600/30" },
  expired: { label: "Expired", className: "bg-red-50 text-red-700 ring-red-600/20" },
};

export function StatusBadge({ health }: { health: CredentialHealth }) {
  const badge = BADGES[health];
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${badge.className}`}
    >
      {badge.label}
    </span>
  );
}

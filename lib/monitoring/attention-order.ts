import type { DestinationStatus } from "@/lib/db/generated/client";

/** Which destinations the dashboard lists first: the ones that need attention. */
const RANK: Record<DestinationStatus, number> = { failing: 0, active: 1, paused: 2, draft: 3 };

/** Failing first, then active, paused and draft; by name within each. */
export function compareByAttention(
  a: { status: DestinationStatus; name: string },
  b: { status: DestinationStatus; name: string },
): number {
  return RANK[a.status] - RANK[b.status] || a.name.localeCompare(b.name, "en", { sensitivity: "base" });
}

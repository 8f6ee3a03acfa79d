import { notFound } from "next/navigation";
import { DeliveryPanel } from "@/components/delivery/delivery-panel";
import { OverviewStats } from "@/components/delivery/overview-stats";
import type { DeliveryOverview } from "@/lib/delivery/read-delivery";
import { readDestinationStats } from "@/lib/monitoring/destination-stats";

export async function OverviewTab({
  workspaceId,
  destinationId,
  overview,
  versions,
}: {
  workspaceId: string;
  destinationId: string;
  overview: DeliveryOverview;
  versions: { version: number; createdAt: Date }[];
}) {
  const stats = await readDestinationStats(workspaceId, destinationId);
  if (!stats) notFound();
  return (
    <div className="space-y-6">
      <DeliveryPanel destinationId={destinationId} overview={overview} />
      <OverviewStats
        stats={stats}
        savedAt={versions.find((version) => version.version === stats.currentVersion)?.createdAt ?? null}
      />
    </div>
  );
}

import { notFound } from "next/navigation";
import { RunsOutcomeFilter } from "@/components/delivery/runs-outcome-filter";
import { RunsTable } from "@/components/delivery/runs-table";
import { listDestinationRuns, type RunOutcome } from "@/lib/monitoring/destination-runs";

export async function RunsTab({
  workspaceId,
  destinationId,
  page,
  outcome,
}: {
  workspaceId: string;
  destinationId: string;
  page: number;
  outcome: RunOutcome | null;
}) {
  const runs = await listDestinationRuns(workspaceId, destinationId, { page, outcome });
  if (!runs) notFound();
  const href = (next: { page?: number; outcome?: RunOutcome | null }) => {
    const query = new URLSearchParams({ tab: "runs" });
    const chosen = next.outcome === undefined ? outcome : next.outcome;
    if (chosen) query.set("outcome", chosen);
    if (next.page && next.page > 1) query.set("runs", String(next.page));
    return `/destinations/${destinationId}?${query}`;
  };
  return (
    <RunsTable
      destinationId={destinationId}
      runs={runs}
      now={new Date()}
      hrefFor={(next) => href({ page: next })}
      filtered={outcome !== null}
      filter={<RunsOutcomeFilter current={outcome} hrefFor={(next) => href({ outcome: next })} />}
    />
  );
}

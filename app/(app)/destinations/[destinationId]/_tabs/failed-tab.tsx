import { FailedRecords } from "@/components/delivery/failed-records";
import { Pager } from "@/components/delivery/pager";
import { type DeadLetterFilter, listDeadLetters } from "@/lib/delivery/dead-letters";

export async function FailedTab({
  workspaceId,
  destinationId,
  page,
  filter,
  canRetry,
  canEdit,
}: {
  workspaceId: string;
  destinationId: string;
  page: number;
  filter: DeadLetterFilter;
  canRetry: boolean;
  canEdit: boolean;
}) {
  const failed = await listDeadLetters(workspaceId, destinationId, page, filter);
  return (
    <section
      id="failed-records"
      aria-labelledby="failed-records-heading"
      className="rounded-lg border border-slate-200 bg-white"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-5 py-3">
        <h2 id="failed-records-heading" className="font-semibold">
          Failed Records
        </h2>
        <p className="text-xs text-slate-500">Records not delivered after their retries · newest first</p>
      </div>
      <FailedRecords
        destinationId={destinationId}
        letters={failed.letters}
        total={failed.total}
        reasons={failed.reasons}
        filter={filter}
        canRetry={canRetry}
        canEdit={canEdit}
      />
      <Pager
        label="Failed Records pages"
        page={failed.page}
        pageCount={failed.pageCount}
        hrefFor={(next) =>
          `/destinations/${destinationId}?${new URLSearchParams({
            tab: "failed",
            failed: String(next),
            ...(filter.reason ? { failedReason: filter.reason } : {}),
            ...(filter.text ? { failedText: filter.text } : {}),
          })}`
        }
      />
    </section>
  );
}

import { notFound } from "next/navigation";
import { RequestLogFilter } from "@/components/delivery/request-log-filter";
import { RequestPager, RequestTable } from "@/components/delivery/request-table";
import { FILTER_SCAN_LIMIT, listRequests, type RequestLogQuery } from "@/lib/monitoring/request-log";

export async function RequestsTab({
  workspaceId,
  destinationId,
  query,
}: {
  workspaceId: string;
  destinationId: string;
  query: RequestLogQuery;
}) {
  const log = await listRequests(workspaceId, destinationId, query);
  if (!log) notFound();
  const base = `/destinations/${destinationId}`;
  const href = (cursor: { before?: string; after?: string }) => {
    const params = new URLSearchParams({ tab: "requests" });
    if (query.status) params.set("status", query.status);
    if (query.q) params.set("q", query.q);
    if (cursor.before) params.set("before", cursor.before);
    if (cursor.after) params.set("after", cursor.after);
    return `${base}?${params}`;
  };
  const filtered = Boolean(query.status || query.q);
  const searched = FILTER_SCAN_LIMIT.toLocaleString("en-US");
  return (
    <section aria-labelledby="request-log-heading" className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-5 py-3">
        <h2 id="request-log-heading" className="font-semibold">
          Request Log
        </h2>
        <p className="text-xs text-slate-500">Every request sent, as sent (secrets masked) · newest first</p>
      </div>
      <RequestLogFilter action={base} status={query.status ?? null} text={query.q ?? ""} />
      <RequestTable
        label="Requests"
        destinationId={destinationId}
        entries={log.entries}
        empty={
          log.scanLimited
            ? `No match among the ${searched} requests searched.`
            : filtered
              ? "No requests match this filter."
              : "No requests sent yet."
        }
      />
      {log.scanLimited ? (
        <p role="status" className="px-5 pt-3 text-right text-xs text-slate-500">
          This page searched {searched} requests; Older searches further back.
        </p>
      ) : null}
      <RequestPager
        label="Request Log pages"
        newestHref={href({})}
        newerHref={log.newerCursor ? href({ after: log.newerCursor }) : null}
        olderHref={log.olderCursor ? href({ before: log.olderCursor }) : null}
      />
    </section>
  );
}

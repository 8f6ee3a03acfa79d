import type { Metadata } from "next";
import { AuditEventDetails } from "@/components/audit/audit-event-details";
import { Pager } from "@/components/delivery/pager";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format-date";
import { PageHeader } from "@/components/ui/page-header";
import { RefusedNotice } from "@/components/ui/refused-notice";
import {
  AUDIT_PAGE_SIZE,
  type AuditFilter,
  auditFilterSchema,
  listAuditActors,
  listAuditEvents,
} from "@/lib/audit/list-audit-events";
import { AUDIT_RESOURCE_TYPES } from "@/lib/audit/record-audit";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit log" };

const fieldClass = "mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs";

function pageHref(filter: AuditFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.actor) params.set("actor", filter.actor);
  if (filter.resource) params.set("resource", filter.resource);
  if (filter.from) params.set("from", filter.from);
  if (filter.to) params.set("to", filter.to);
  params.set("page", String(page));
  return `/settings/audit-log?${params}`;
}

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { session, refused } = await requirePermission("audit.read");
  if (refused) return <RefusedNotice message={refused} />;
  const filter = auditFilterSchema.parse(await searchParams);
  const [{ events, total }, actors] = await Promise.all([
    listAuditEvents(session.workspace.id, filter),
    listAuditActors(session.workspace.id),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Who changed what in ${session.workspace.name}, when and from which address. Secret values are never recorded.`}
      />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <div>
          <label htmlFor="audit-actor" className="block text-sm font-medium text-slate-700">
            Person
          </label>
          <select id="audit-actor" name="actor" defaultValue={filter.actor ?? ""} className={fieldClass}>
            <option value="">Everyone</option>
            {actors.map((actor) => (
              <option key={actor.email} value={actor.email}>
                {actor.name} ({actor.email})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-resource" className="block text-sm font-medium text-slate-700">
            Resource
          </label>
          <select
            id="audit-resource"
            name="resource"
            defaultValue={filter.resource ?? ""}
            className={fieldClass}
          >
            <option value="">All resources</option>
            {AUDIT_RESOURCE_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from" className="block text-sm font-medium text-slate-700">
            From
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from} className={fieldClass} />
        </div>
        <div>
          <label htmlFor="audit-to" className="block text-sm font-medium text-slate-700">
            To
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to} className={fieldClass} />
        </div>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-50"
        >
          Filter
        </button>
      </form>
      {events.length === 0 ? (
        <EmptyState title="No events">
          Nothing matches these filters. Changes to credentials, datasets, destinations, members and settings
          appear here as they are made.
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          <table aria-label="Audit events" className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">When</th>
                <th className="px-4 py-2 font-medium">Who</th>
                <th className="px-4 py-2 font-medium">What</th>
                <th className="px-4 py-2 font-medium">Details</th>
                <th className="px-4 py-2 font-medium">Address</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => {
                const what = `${event.action} ${event.resourceName ?? event.resourceId ?? ""}`.trim();
                return (
                  <tr key={event.id} className="border-t border-slate-100 align-top">
                    <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                      {formatDateTime(event.createdAt)}
                    </td>
                    <td className="px-4 py-3">
                      <p className="font-medium">{event.actorName}</p>
                      <p className="text-xs text-slate-500">{event.actorEmail}</p>
                    </td>
                    <td className="px-4 py-3">
                      <p className="font-mono text-xs">{event.action}</p>
                      <p>{event.resourceName ?? event.resourceId ?? event.resourceType}</p>
                    </td>
                    <td className="max-w-md px-4 py-3">
                      <AuditEventDetails details={event.details} label={what} />
                    </td>
                    <td className="px-4 py-3 font-mono text-xs text-slate-600">{event.address}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager
            label="Audit log pages"
            page={filter.page}
            pageCount={pageCount}
            hrefFor={(page) => pageHref(filter, page)}
          />
        </div>
      )}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format-date";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { findConnector } from "@/lib/connectors/registry";
import { destinationHref } from "@/lib/destinations/destination-href";
import { listDestinations } from "@/lib/destinations/manage-destinations";

export const metadata: Metadata = { title: "Destinations" };

export default async function DestinationsPage() {
  const session = await requireWorkspaceSession();
  const destinations = await listDestinations(session.workspace.id);
  return (
    <>
      <PageHeader
        title="Destinations"
        description="Where each dataset's records go, and how they are sent."
        actions={
          // A file download, not a page: a plain link.
          <a
            href="/destinations/export"
            download
            className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Export as YAML
          </a>
        }
      />
      {destinations.length === 0 ? (
        <EmptyState
          title="No destinations yet"
          action={
            <Link
              href="/datasets"
              className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              Choose a dataset
            </Link>
          }
        >
          A destination sends one dataset to one API endpoint. Open a dataset and use Send to Destination:
          preview the exact requests, send test data, then save it.
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Destination</th>
                <th className="px-4 py-2 font-medium">Dataset</th>
                <th className="px-4 py-2 font-medium">Status</th>
                <th className="px-4 py-2 font-medium">Version</th>
                <th className="px-4 py-2 font-medium">Updated</th>
              </tr>
            </thead>
            <tbody>
              {destinations.map((destination) => {
                const connector = findConnector(destination.connectorId);
                return (
                  <tr key={destination.id} className="border-t border-slate-100">
                    <td className="px-4 py-3">
                      <div className="flex items-center gap-3">
                        {/* biome-ignore lint/performance/noImgElement: small static logos */}
                        <img src={connector?.logo} alt="" width={28} height={28} />
                        <Link
                          href={destinationHref(destination.id, destination.currentVersion)}
                          className="font-medium hover:underline"
                        >
                          {destination.name}
                        </Link>
                      </div>
                    </td>
                    <td className="px-4 py-3">
                      <Link href={`/datasets/${destination.dataset.id}`} className="hover:underline">
                        {destination.dataset.name}
                      </Link>
                    </td>
                    <td className="px-4 py-3 capitalize">
                      {destination.currentVersion === 0 ? "Draft: setup not finished" : destination.status}
                    </td>
                    <td className="px-4 py-3">{destination.currentVersion || "—"}</td>
                    <td className="px-4 py-3 text-slate-600">{formatDateTime(destination.updatedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

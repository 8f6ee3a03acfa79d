import type { Metadata } from "next";
import Link from "next/link";
import { SampleDatasetButton } from "@/components/datasets/sample-dataset-button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format-date";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { listDatasets } from "@/lib/datasets/read-datasets";

export const metadata: Metadata = { title: "Datasets" };

const newLink = (
  <Link
    href="/datasets/new"
    className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
  >
    New dataset
  </Link>
);

export default async function DatasetsPage() {
  const session = await requireWorkspaceSession();
  const datasets = await listDatasets(session.workspace.id);
  const canEdit = can(session.role, "datasets.manage");
  return (
    <>
      <PageHeader
        title="Datasets"
        description="The records Outflow sends: uploaded files or records posted to an ingest endpoint."
        actions={datasets.length > 0 && canEdit ? newLink : null}
      />
      {datasets.length === 0 ? (
        <EmptyState
          title="No datasets yet"
          action={
            canEdit ? (
              <div className="flex flex-wrap items-start justify-center gap-3">
                {newLink}
                <SampleDatasetButton variant="secondary" />
              </div>
            ) : null
          }
        >
          A dataset is where a flow starts: upload a JSON, NDJSON or CSV file, or create an empty one and post
          records to its ingest endpoint. Just looking around? Create the sample dataset.
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Name</th>
                <th className="px-4 py-2 text-right font-medium">Records</th>
                <th className="px-4 py-2 font-medium">Last received</th>
                <th className="px-4 py-2 font-medium">Destinations</th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((dataset) => (
                <tr key={dataset.id} className="border-t border-slate-100">
                  <td className="px-4 py-3">
                    <Link
                      href={`/datasets/${dataset.id}`}
                      className="font-medium text-slate-900 hover:underline"
                    >
                      {dataset.name}
                    </Link>
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums">
                    {dataset.recordCount.toLocaleString("en-US")}
                  </td>
                  <td className="px-4 py-3 text-slate-600">
                    {dataset.lastReceivedAt ? formatDateTime(dataset.lastReceivedAt) : "Nothing yet"}
                  </td>
                  <td className="px-4 py-3 text-slate-600">
                    {dataset.destinations === 0 ? "None" : dataset.destinations}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

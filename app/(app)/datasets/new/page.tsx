import type { Metadata } from "next";
import { EmptyDatasetForm } from "@/components/datasets/empty-dataset-form";
import { SampleDatasetButton } from "@/components/datasets/sample-dataset-button";
import { UploadForm } from "@/components/datasets/upload-form";
import { PageHeader } from "@/components/ui/page-header";
import { RefusedNotice } from "@/components/ui/refused-notice";
import { requirePermission } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "New dataset" };

export default async function NewDatasetPage() {
  const { refused } = await requirePermission("datasets.manage");
  if (refused) return <RefusedNotice message={refused} />;
  return (
    <>
      <PageHeader
        title="New dataset"
        description="Upload a file, or create an empty dataset and post records to it."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="upload-heading" className="rounded-lg border border-slate-200 bg-white p-6">
          <h2 id="upload-heading" className="mb-4 font-semibold">
            Upload a file
          </h2>
          <UploadForm />
        </section>
        <div className="space-y-6">
          <section
            aria-labelledby="empty-heading"
            className="rounded-lg border border-slate-200 bg-white p-6"
          >
            <h2 id="empty-heading" className="font-semibold">
              Empty, fed by the ingest endpoint
            </h2>
            <p className="mb-4 mt-1 text-sm text-slate-600">
              Post JSON or NDJSON records from your own systems; each request is stored whole or not at all.
            </p>
            <EmptyDatasetForm ingestBaseUrl={`${getConfig().publicUrl}/api/v1/datasets`} />
          </section>
          <section
            aria-labelledby="sample-heading"
            className="rounded-lg border border-slate-200 bg-white p-6"
          >
            <h2 id="sample-heading" className="font-semibold">
              Sample dataset
            </h2>
            <p className="mb-4 mt-1 text-sm text-slate-600">
              200 user-profile and event records with uid, email, event_type and nested user and properties.
            </p>
            <SampleDatasetButton variant="secondary" />
          </section>
        </div>
      </div>
    </>
  );
}

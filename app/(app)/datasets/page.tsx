import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Datasets" };

export default async function DatasetsPage() {
  await requireWorkspaceSession();
  return (
    <>
      <PageHeader
        title="Datasets"
        description="The records Outflow sends: uploaded files or records posted to an ingest endpoint."
      />
      <EmptyState title="No datasets yet">
        A dataset is where a flow starts. Each one gets its own ingest endpoint, an inferred schema and sample
        records, and a Send to Destination button that opens the destination wizard.
      </EmptyState>
    </>
  );
}

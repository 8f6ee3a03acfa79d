import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Destinations" };

export default async function DestinationsPage() {
  await requireWorkspaceSession();
  return (
    <>
      <PageHeader
        title="Destinations"
        description="Where each dataset's records go, how they are sent, and how delivery is going."
      />
      <EmptyState title="No destinations yet">
        A destination sends one dataset to one API endpoint. You create it from a dataset with Send to
        Destination: preview the exact requests, send test data, then activate it.
      </EmptyState>
    </>
  );
}

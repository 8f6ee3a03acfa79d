import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ConnectorStep } from "@/components/destinations/connector-step";
import { WizardSteps } from "@/components/destinations/wizard-steps";
import { PageHeader } from "@/components/ui/page-header";
import { RefusedNotice } from "@/components/ui/refused-notice";
import { requirePermission } from "@/lib/auth/session";
import { CONNECTORS } from "@/lib/connectors/registry";
import { getDataset } from "@/lib/datasets/read-datasets";

export const metadata: Metadata = { title: "Send to Destination" };

export default async function NewDestinationPage({
  searchParams,
}: {
  searchParams: Promise<{ dataset?: string }>;
}) {
  const { session, refused } = await requirePermission("destinations.manage");
  if (refused) return <RefusedNotice message={refused} />;
  const datasetId = z.uuid().safeParse((await searchParams).dataset);
  const dataset = datasetId.success ? await getDataset(session.workspace.id, datasetId.data) : null;
  if (!dataset) notFound();
  return (
    <>
      <PageHeader
        title="Send to Destination"
        description={`Where should the records of ${dataset.name} go?`}
      />
      <WizardSteps current="connector" />
      <ConnectorStep
        datasetId={dataset.id}
        connectors={CONNECTORS.map(({ id, name, logo, description }) => ({ id, name, logo, description }))}
      />
    </>
  );
}

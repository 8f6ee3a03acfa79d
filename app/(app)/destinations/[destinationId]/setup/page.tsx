import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DestinationWizard } from "@/components/destinations/destination-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { RefusedNotice } from "@/components/ui/refused-notice";
import { can, refusal } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { toConnectorView } from "@/lib/connectors/connector-view";
import { findConnector } from "@/lib/connectors/registry";
import { getDestination, wizardDraftStep } from "@/lib/destinations/manage-destinations";
import { loadWizardContext } from "@/lib/destinations/wizard-context";

export const metadata: Metadata = { title: "Send to Destination" };

export default async function DestinationSetupPage({
  params,
  searchParams,
}: {
  params: Promise<{ destinationId: string }>;
  searchParams: Promise<{ step?: string }>;
}) {
  const { session, refused } = await requirePermission("destinations.manage");
  if (refused) return <RefusedNotice message={refused} />;
  const id = z.uuid().safeParse((await params).destinationId);
  const destination = id.success ? await getDestination(session.workspace.id, id.data) : null;
  const connector = destination ? findConnector(destination.connectorId) : undefined;
  if (!destination || !connector) notFound();
  // Without a step in the URL, the wizard reopens on the step its draft was left on.
  const asked = wizardDraftStep.safeParse((await searchParams).step);
  const step = asked.success ? asked.data : (destination.draftStep ?? "credential");

  const context = await loadWizardContext(session.workspace.id, destination, connector);

  return (
    <>
      <PageHeader
        title={destination.name}
        description={`Send the records of ${destination.dataset.name} to ${connector.name}.`}
      />
      <DestinationWizard
        key={step}
        destinationId={destination.id}
        step={step}
        initialConfig={destination.config}
        connector={toConnectorView(connector)}
        credentials={context.credentials}
        bins={context.bins}
        schemaFields={context.schemaFields}
        baseUrl={context.baseUrl}
        createCredentialRefused={
          can(session.role, "credentials.manage")
            ? null
            : refusal("credentials.manage", session.workspace.name)
        }
      />
    </>
  );
}

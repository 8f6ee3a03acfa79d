import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DestinationWizard } from "@/components/destinations/destination-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { toConnectorView } from "@/lib/connectors/connector-view";
import { findConnector } from "@/lib/connectors/registry";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { getDataset } from "@/lib/datasets/read-datasets";
import { schemaFields } from "@/lib/datasets/schema/infer-schema";
import { getDestination } from "@/lib/destinations/manage-destinations";
import { inspectorUrl } from "@/lib/inspector/inspector-url";
import { listBins } from "@/lib/inspector/list-bins";

export const metadata: Metadata = { title: "Send to Destination" };

const stepSchema = z.enum(["credential", "endpoint", "review"]).catch("credential");

export default async function DestinationSetupPage({
  params,
  searchParams,
}: {
  params: Promise<{ destinationId: string }>;
  searchParams: Promise<{ step?: string }>;
}) {
  const session = await requireWorkspaceSession();
  const id = z.uuid().safeParse((await params).destinationId);
  const destination = id.success ? await getDestination(session.workspace.id, id.data) : null;
  const connector = destination ? findConnector(destination.connectorId) : undefined;
  if (!destination || !connector) notFound();
  const step = stepSchema.parse((await searchParams).step);

  const [credentials, bins, dataset] = await Promise.all([
    listCredentials(session.workspace.id),
    listBins(session.workspace.id),
    getDataset(session.workspace.id, destination.dataset.id),
  ]);
  const ownCredentials = credentials.filter((credential) => credential.connectorId === connector.id);
  const credential = ownCredentials.find((c) => c.id === destination.config.credentialId);
  const binUrls = bins.map((bin) => ({ id: bin.id, name: bin.name, url: inspectorUrl(bin.id) }));
  const baseUrl = connector.needsCredential
    ? (credential?.baseUrl ?? connector.defaultBaseUrl)
    : (binUrls.find((bin) => bin.id === destination.config.inspectorBinId)?.url ?? "");

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
        connector={{ ...toConnectorView(connector), needsCredential: connector.needsCredential }}
        credentials={ownCredentials}
        bins={binUrls}
        schemaPaths={dataset ? schemaFields(dataset.schema).map((field) => field.path) : []}
        baseUrl={baseUrl}
      />
    </>
  );
}

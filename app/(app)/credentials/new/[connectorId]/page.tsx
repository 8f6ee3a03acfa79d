import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConnectorHeader } from "@/components/credentials/connector-header";
import { CredentialForm } from "@/components/credentials/credential-form";
import { RefusedNotice } from "@/components/ui/refused-notice";
import { requirePermission } from "@/lib/auth/session";
import { toConnectorView } from "@/lib/connectors/connector-view";
import { findConnector } from "@/lib/connectors/registry";

export const metadata: Metadata = { title: "Create Credential" };

export default async function NewConnectorCredentialPage({
  params,
}: {
  params: Promise<{ connectorId: string }>;
}) {
  const { refused } = await requirePermission("credentials.manage");
  if (refused) return <RefusedNotice message={refused} />;
  const connector = findConnector((await params).connectorId);
  if (!connector?.needsCredential) notFound();
  const view = toConnectorView(connector);
  return (
    <div className="mx-auto max-w-2xl">
      <ConnectorHeader connector={view} title={`New ${connector.name} credential`} />
      <CredentialForm connector={view} />
    </div>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ConnectorHeader } from "@/components/credentials/connector-header";
import { CredentialForm } from "@/components/credentials/credential-form";
import { CredentialHealthPanel } from "@/components/credentials/credential-health-panel";
import { DeleteCredentialButton } from "@/components/credentials/delete-credential-button";
import { StatusBadge } from "@/components/credentials/status-badge";
import { LiveRefresh } from "@/components/delivery/live-refresh";
import { RefusedNotice } from "@/components/ui/refused-notice";
import { can, refusal } from "@/lib/auth/permissions";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { toConnectorView } from "@/lib/connectors/connector-view";
import { findConnector } from "@/lib/connectors/registry";
import { getCredentialHealth } from "@/lib/credentials/credential-health";
import { getCredentialSummary } from "@/lib/credentials/list-credentials";

export const metadata: Metadata = { title: "Credential" };

/** While it is being held or sent at its limit: the hold's end and the usage move by the second. */
const THROTTLED_REFRESH_MS = 2_000;
/** While a destination sends with it: a 429 or the limit shows without a reload. */
const SENDING_REFRESH_MS = 5_000;

export default async function CredentialPage({ params }: { params: Promise<{ credentialId: string }> }) {
  const session = await requireWorkspaceSession();
  const id = z.uuid().safeParse((await params).credentialId);
  const credential = id.success ? await getCredentialSummary(session.workspace.id, id.data) : null;
  const connector = credential ? findConnector(credential.connectorId) : undefined;
  if (!credential || !connector) notFound();
  const health = await getCredentialHealth(session.workspace.id, credential.id);
  const view = toConnectorView(connector);
  const sending = health?.destinations.some((destination) => destination.status === "active") ?? false;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <LiveRefresh
        intervalMs={health?.throttle ? THROTTLED_REFRESH_MS : sending ? SENDING_REFRESH_MS : null}
      />
      <ConnectorHeader connector={view} title={credential.name}>
        <div className="mt-2 flex items-center gap-2 text-sm text-slate-600">
          <StatusBadge health={credential.health} />
          {credential.expiryText ? <span>{credential.expiryText}</span> : null}
        </div>
      </ConnectorHeader>
      {health ? <CredentialHealthPanel health={health} /> : null}
      {can(session.role, "credentials.manage") ? (
        <>
          <CredentialForm connector={view} existing={credential} />
          <section className="rounded-lg border border-red-200 bg-white p-6">
            <h2 className="font-semibold text-slate-900">Delete this credential</h2>
            <p className="mb-4 mt-1 text-sm text-slate-600">
              Its encrypted secrets are erased from the database.
            </p>
            <DeleteCredentialButton id={credential.id} name={credential.name} />
          </section>
        </>
      ) : (
        <RefusedNotice message={refusal("credentials.manage", session.workspace.name)} />
      )}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { TestSavedCredentialButton } from "@/components/credentials/credential-row-actions";
import { StatusBadge } from "@/components/credentials/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format-date";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { findConnector } from "@/lib/connectors/registry";
import { listCredentials } from "@/lib/credentials/list-credentials";

export const metadata: Metadata = { title: "Credentials" };

const createLink = (
  <Link
    href="/credentials/new"
    className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
  >
    Create Credential
  </Link>
);

export default async function CredentialsPage() {
  const session = await requireWorkspaceSession();
  const credentials = await listCredentials(session.workspace.id);
  const canManage = can(session.role, "credentials.manage");
  return (
    <>
      <PageHeader
        title="Credentials"
        description="How Outflow authenticates to each API. Secrets are encrypted and never shown again."
        actions={credentials.length > 0 && canManage ? createLink : null}
      />
      {credentials.length === 0 ? (
        <EmptyState title="No credentials yet" action={canManage ? createLink : null}>
          A credential holds a connector's keys — a Hotjar Client ID and Secret, a HubSpot access token, an
          API key for any HTTP API — and proves them with Test Connection before any record is sent.
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Credential</th>
                <th className="px-4 py-2 font-medium">Status</th>
                <th className="px-4 py-2 font-medium">Last tested</th>
                <th className="px-4 py-2 font-medium">Used by</th>
                <th className="px-4 py-2" />
              </tr>
            </thead>
            <tbody>
              {credentials.map((credential) => {
                const connector = findConnector(credential.connectorId);
                return (
                  <tr key={credential.id} className="border-t border-slate-100 align-top">
                    <td className="px-4 py-3">
                      <div className="flex items-center gap-3">
                        {/* biome-ignore lint/performance/noImgElement: small static logos */}
                        <img src={connector?.logo} alt="" width={32} height={32} />
                        <div>
                          <Link
                            href={`/credentials/${credential.id}`}
                            className="font-medium text-slate-900 hover:underline"
                          >
                            {credential.name}
                          </Link>
                          <p className="text-slate-500">{connector?.name}</p>
                        </div>
                      </div>
                    </td>
                    <td className="px-4 py-3">
                      <StatusBadge health={credential.health} />
                      {credential.expiryText ? (
                        <p className="mt-1 text-xs text-slate-600">{credential.expiryText}</p>
                      ) : null}
                    </td>
                    <td className="px-4 py-3 text-slate-600">
                      {credential.lastTestedAt ? formatDateTime(credential.lastTestedAt) : "Never"}
                      {credential.lastTestMessage ? (
                        <p className="mt-1 max-w-xs text-xs text-slate-500">{credential.lastTestMessage}</p>
                      ) : null}
                    </td>
                    <td className="px-4 py-3 text-slate-600">
                      {credential.usedBy === 0
                        ? "No destinations"
                        : `${credential.usedBy} destination${credential.usedBy === 1 ? "" : "s"}`}
                    </td>
                    <td className="px-4 py-3 text-right">
                      {canManage ? (
                        <TestSavedCredentialButton id={credential.id} name={credential.name} />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-6 text-sm text-slate-600">
        Trying Outflow without an account elsewhere? The{" "}
        <Link href="/inspector" className="font-medium text-brand-600 hover:underline">
          Request Inspector
        </Link>{" "}
        needs no credential: it records every request sent to it.
      </p>
    </>
  );
}

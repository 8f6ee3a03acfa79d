import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Credentials" };

export default async function CredentialsPage() {
  await requireWorkspaceSession();
  return (
    <>
      <PageHeader
        title="Credentials"
        description="How Outflow authenticates to each API. Secrets are encrypted and never shown again."
      />
      <EmptyState title="No credentials yet">
        A credential holds a connector's keys — a Hotjar Client ID and Secret, a HubSpot access token, an API
        key for any HTTP API — and proves them with Test Connection before any record is sent.
      </EmptyState>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { RefusedNotice } from "@/components/ui/refused-notice";
import { requirePermission } from "@/lib/auth/session";
import { CONNECTORS } from "@/lib/connectors/registry";

export const metadata: Metadata = { title: "Create Credential" };

export default async function NewCredentialPage() {
  const { refused } = await requirePermission("credentials.manage");
  if (refused) return <RefusedNotice message={refused} />;
  return (
    <>
      <PageHeader title="Create Credential" description="Choose the Connector this credential is for." />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {CONNECTORS.map((connector) => (
          <li key={connector.id}>
            <Link
              href={connector.needsCredential ? `/credentials/new/${connector.id}` : "/inspector"}
              className="flex h-full gap-3 rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-500 hover:shadow-sm"
            >
              {/* biome-ignore lint/performance/noImgElement: small static logos */}
              <img src={connector.logo} alt="" width={40} height={40} className="shrink-0" />
              <span>
                <span className="block font-semibold text-slate-900">{connector.name}</span>
                <span className="mt-1 block text-sm text-slate-600">{connector.description}</span>
                {connector.needsCredential ? null : (
                  <span className="mt-2 block text-xs font-medium text-brand-700">No credential needed</span>
                )}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

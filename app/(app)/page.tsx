import type { Metadata } from "next";
import Link from "next/link";
import { GettingStarted } from "@/components/shell/getting-started";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { countWorkspaceResources } from "@/lib/workspaces/workspace-counts";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const session = await requireWorkspaceSession();
  const { datasets, credentials, destinations } = await countWorkspaceResources(session.workspace.id);
  const tiles = [
    { label: "Datasets", count: datasets, href: "/datasets" },
    { label: "Credentials", count: credentials, href: "/credentials" },
    { label: "Destinations", count: destinations, href: "/destinations" },
  ];
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Welcome, ${session.user.name}. Your destination flows and their health appear here.`}
      />
      <ul className="mb-8 grid gap-4 sm:grid-cols-3">
        {tiles.map((tile) => (
          <li key={tile.label}>
            <Link
              href={tile.href}
              className="block rounded-lg border border-slate-200 bg-white p-5 hover:border-brand-500"
            >
              <span className="block text-3xl font-semibold tabular-nums">{tile.count}</span>
              <span className="text-sm text-slate-600">{tile.label}</span>
            </Link>
          </li>
        ))}
      </ul>
      {destinations === 0 ? (
        <section aria-labelledby="first-flow">
          <h2 id="first-flow" className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
            Your first flow in three steps
          </h2>
          <GettingStarted />
        </section>
      ) : null}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { LiveRefresh } from "@/components/delivery/live-refresh";
import { DestinationsOverview } from "@/components/monitoring/destinations-overview";
import { NeedsAttention } from "@/components/monitoring/needs-attention";
import { NoWorkerAlert } from "@/components/monitoring/no-worker-alert";
import { GettingStarted } from "@/components/shell/getting-started";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { readDashboard } from "@/lib/monitoring/dashboard";
import { countWorkspaceResources } from "@/lib/workspaces/workspace-counts";

export const metadata: Metadata = { title: "Dashboard" };

/** While a run is going, counts and outcomes move: about as often as a person glances at them. */
const BUSY_REFRESH_MS = 2_000;
/** Otherwise often enough that a destination turning failing shows without a reload. */
const IDLE_REFRESH_MS = 30_000;

export default async function DashboardPage() {
  const session = await requireWorkspaceSession();
  const now = new Date();
  const dashboard = await readDashboard(session.workspace.id, now);
  const header = (
    <PageHeader
      title="Dashboard"
      description={`Welcome, ${session.user.name}. Your destination flows and their health appear here.`}
    />
  );
  if (dashboard.destinations.length === 0) {
    return (
      <>
        {header}
        <NeedsAttention callouts={dashboard.callouts} />
        <ResourceTiles workspaceId={session.workspace.id} />
        <section aria-labelledby="first-flow">
          <h2 id="first-flow" className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
            Your first flow in three steps
          </h2>
          <GettingStarted />
        </section>
      </>
    );
  }
  const failing = dashboard.callouts.failing.length;
  const active = dashboard.destinations.filter((destination) => destination.status === "active").length;
  const tiles = [
    {
      label: "Records delivered, last 24 hours",
      value: dashboard.totals.delivered24h.toLocaleString("en-US"),
    },
    // Failed now, as Failed Records counts them: a record that failed and then went through is not one.
    { label: "Records in Failed Records", value: dashboard.totals.failedNow.toLocaleString("en-US") },
    {
      label: `Destinations: ${active} active${failing > 0 ? `, ${failing} failing` : ""}`,
      value: dashboard.destinations.length.toLocaleString("en-US"),
    },
  ];
  return (
    <>
      <LiveRefresh intervalMs={dashboard.running ? BUSY_REFRESH_MS : IDLE_REFRESH_MS} />
      {header}
      <NoWorkerAlert workers={dashboard.workers} />
      <NeedsAttention callouts={dashboard.callouts} />
      <ul className="mb-8 grid gap-4 sm:grid-cols-3">
        {tiles.map((tile) => (
          <li key={tile.label} className="rounded-lg border border-slate-200 bg-white p-5">
            <span className="block text-3xl font-semibold tabular-nums">{tile.value}</span>
            <span className="text-sm text-slate-600">{tile.label}</span>
          </li>
        ))}
      </ul>
      <DestinationsOverview destinations={dashboard.destinations} now={now} />
    </>
  );
}

/** What an empty workspace already has, on the way to a first flow. */
async function ResourceTiles({ workspaceId }: { workspaceId: string }) {
  const { datasets, credentials, destinations } = await countWorkspaceResources(workspaceId);
  const tiles = [
    { label: "Datasets", count: datasets, href: "/datasets" },
    { label: "Credentials", count: credentials, href: "/credentials" },
    { label: "Destinations", count: destinations, href: "/destinations" },
  ];
  return (
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
  );
}

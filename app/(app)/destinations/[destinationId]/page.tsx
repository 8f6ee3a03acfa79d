import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DeliveryControls } from "@/components/delivery/delivery-controls";
import { DestinationStatusBadge } from "@/components/delivery/destination-status-badge";
import { DESTINATION_TABS, DestinationTabs } from "@/components/delivery/destination-tabs";
import { FailingAlert } from "@/components/delivery/failing-alert";
import { LiveRefresh } from "@/components/delivery/live-refresh";
import { NoWorkerAlert } from "@/components/monitoring/no-worker-alert";
import { can } from "@/lib/auth/permissions";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { findConnector } from "@/lib/connectors/registry";
import { readDeliverySettings } from "@/lib/delivery/delivery-settings";
import { readDeliveryOverview } from "@/lib/delivery/read-delivery";
import { readWorkers } from "@/lib/delivery/worker-heartbeat";
import { getDestination } from "@/lib/destinations/manage-destinations";
import { hasRunningRun, runOutcomeSchema } from "@/lib/monitoring/destination-runs";
import { requestLogQuerySchema } from "@/lib/monitoring/request-log";
import { FailedTab } from "./_tabs/failed-tab";
import { OverviewTab } from "./_tabs/overview-tab";
import { RequestsTab } from "./_tabs/requests-tab";
import { RunsTab } from "./_tabs/runs-tab";
import { SettingsTab } from "./_tabs/settings-tab";

export const metadata: Metadata = { title: "Destination" };

/** While a run is going: about as often as a person glances at it. */
const BUSY_REFRESH_MS = 1_500;
/** An idle active destination: new records or a scheduled run start a run on their own. */
const IDLE_REFRESH_MS = 5_000;

const pageNumber = z.coerce.number().int().min(1).max(100_000).catch(1);
const versionNumber = z.coerce.number().int().min(1).max(1_000_000).nullish().catch(null);
const tabIds = DESTINATION_TABS.map((tab) => tab.id) as [
  (typeof DESTINATION_TABS)[number]["id"],
  ...(typeof DESTINATION_TABS)[number]["id"][],
];
const searchSchema = requestLogQuerySchema.extend({
  tab: z.enum(tabIds).catch("overview"),
  runs: pageNumber,
  outcome: runOutcomeSchema.nullish().catch(null),
  failed: pageNumber,
  failedReason: z.string().max(5000).optional().catch(undefined),
  failedText: z.string().max(200).optional().catch(undefined),
  from: versionNumber,
  to: versionNumber,
});

export default async function DestinationPage({
  params,
  searchParams,
}: {
  params: Promise<{ destinationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireWorkspaceSession();
  const id = z.uuid().safeParse((await params).destinationId);
  const destination = id.success ? await getDestination(session.workspace.id, id.data) : null;
  if (!destination) notFound();
  const search = searchSchema.parse(await searchParams);
  const workspaceId = session.workspace.id;
  const [overview, settings, running, workers] = await Promise.all([
    readDeliveryOverview(workspaceId, destination.id),
    readDeliverySettings(workspaceId, destination.id),
    hasRunningRun(destination.id),
    readWorkers(),
  ]);

  const active = overview.status === "active";
  const busy =
    running ||
    (active &&
      (overview.requestsQueued > 0 || (settings.schedule === "continuous" && overview.recordsWaiting > 0)));
  const connector = findConnector(destination.connectorId);
  const canEdit = can(session.role, "destinations.manage");

  return (
    <div className="space-y-6">
      <LiveRefresh intervalMs={busy ? BUSY_REFRESH_MS : active ? IDLE_REFRESH_MS : null} />
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight">{destination.name}</h1>
            <DestinationStatusBadge status={overview.status} live />
          </div>
          <p className="mt-1 text-sm text-slate-600">
            <Link href={`/datasets/${destination.dataset.id}`} className="hover:underline">
              {destination.dataset.name}
            </Link>{" "}
            → {connector?.name} · version {destination.currentVersion}
          </p>
        </div>
        {canEdit ? (
          <DeliveryControls
            destinationId={destination.id}
            status={overview.status}
            saved={destination.currentVersion > 0}
          />
        ) : null}
      </header>

      {active ? <NoWorkerAlert workers={workers} /> : null}
      {overview.status === "failing" ? (
        <FailingAlert
          reason={overview.failingReason}
          since={overview.failingSince}
          cause={overview.failingCause}
          credentialId={overview.credentialId}
        />
      ) : null}

      <DestinationTabs destinationId={destination.id} current={search.tab} />

      {search.tab === "overview" ? (
        <OverviewTab
          workspaceId={workspaceId}
          destinationId={destination.id}
          overview={overview}
          versions={destination.versions}
        />
      ) : search.tab === "runs" ? (
        <RunsTab
          workspaceId={workspaceId}
          destinationId={destination.id}
          page={search.runs}
          outcome={search.outcome ?? null}
        />
      ) : search.tab === "requests" ? (
        <RequestsTab workspaceId={workspaceId} destinationId={destination.id} query={search} />
      ) : search.tab === "failed" ? (
        <FailedTab
          workspaceId={workspaceId}
          destinationId={destination.id}
          page={search.failed}
          filter={{ reason: search.failedReason || undefined, text: search.failedText || undefined }}
          canRetry={active}
          canEdit={canEdit}
        />
      ) : (
        <SettingsTab
          workspaceId={workspaceId}
          destination={destination}
          settings={settings}
          compare={{ from: search.from ?? null, to: search.to ?? null }}
          canEdit={canEdit}
        />
      )}
    </div>
  );
}

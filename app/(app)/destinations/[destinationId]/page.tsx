import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DeliveryControls } from "@/components/delivery/delivery-controls";
import { DeliveryPanel } from "@/components/delivery/delivery-panel";
import { DeliverySettingsForm } from "@/components/delivery/delivery-settings-form";
import { DestinationStatusBadge } from "@/components/delivery/destination-status-badge";
import { FailedRecords } from "@/components/delivery/failed-records";
import { FailingAlert } from "@/components/delivery/failing-alert";
import { LiveRefresh } from "@/components/delivery/live-refresh";
import { Pager } from "@/components/delivery/pager";
import { RunsTable } from "@/components/delivery/runs-table";
import { formatDateTime } from "@/components/ui/format-date";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { findConnector } from "@/lib/connectors/registry";
import { findTemplate } from "@/lib/connectors/templates/find-template";
import { listDeadLetters } from "@/lib/delivery/dead-letters";
import { readDeliverySettings } from "@/lib/delivery/delivery-settings";
import { listRuns, readDeliveryOverview } from "@/lib/delivery/read-delivery";
import { getDestination } from "@/lib/destinations/manage-destinations";

export const metadata: Metadata = { title: "Destination" };

/** While a run is going: about as often as a person glances at it. */
const BUSY_REFRESH_MS = 1_500;
/** An idle active destination: new records or a scheduled run start a run on their own. */
const IDLE_REFRESH_MS = 5_000;

const pageNumber = z.coerce.number().int().min(1).max(100_000).catch(1);
const searchSchema = z.object({ runs: pageNumber, failed: pageNumber });

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
  const pages = searchSchema.parse(await searchParams);
  const workspaceId = session.workspace.id;
  const [overview, runs, failed, settings] = await Promise.all([
    readDeliveryOverview(workspaceId, destination.id),
    listRuns(workspaceId, destination.id, pages.runs),
    listDeadLetters(workspaceId, destination.id, pages.failed),
    readDeliverySettings(workspaceId, destination.id),
  ]);
  const now = new Date();
  const pageHref = (list: "runs" | "failed", page: number) => {
    const query = new URLSearchParams({ runs: String(pages.runs), failed: String(pages.failed) });
    query.set(list, String(page));
    return `/destinations/${destination.id}?${query}`;
  };

  const active = overview.status === "active";
  const busy =
    runs.runs.some((run) => run.status === "running") ||
    (active &&
      (overview.requestsQueued > 0 || (settings.schedule === "continuous" && overview.recordsWaiting > 0)));

  const connector = findConnector(destination.connectorId);
  const { endpoint } = destination.config;
  const template =
    endpoint.mode === "template" ? findTemplate(endpoint.connectorId, endpoint.templateId) : undefined;
  return (
    <div className="space-y-6">
      <LiveRefresh intervalMs={busy ? BUSY_REFRESH_MS : active ? IDLE_REFRESH_MS : null} />
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight">{destination.name}</h1>
            <DestinationStatusBadge status={overview.status} />
          </div>
          <p className="mt-1 text-sm text-slate-600">
            <Link href={`/datasets/${destination.dataset.id}`} className="hover:underline">
              {destination.dataset.name}
            </Link>{" "}
            → {connector?.name} · version {destination.currentVersion}
          </p>
        </div>
        <div className="flex items-start gap-2">
          <DeliveryControls
            destinationId={destination.id}
            status={overview.status}
            saved={destination.currentVersion > 0}
          />
          <Link
            href={`/destinations/${destination.id}/setup?step=endpoint`}
            className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-50"
          >
            Edit
          </Link>
        </div>
      </header>

      {overview.status === "failing" ? (
        <FailingAlert reason={overview.failingReason} since={overview.failingSince} />
      ) : null}

      <DeliveryPanel overview={overview} />

      <RunsTable runs={runs} now={now} hrefFor={(page) => pageHref("runs", page)} />

      <section
        id="failed-records"
        aria-labelledby="failed-records-heading"
        className="rounded-lg border border-slate-200 bg-white"
      >
        <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-5 py-3">
          <h2 id="failed-records-heading" className="font-semibold">
            Failed Records
          </h2>
          <p className="text-xs text-slate-500">Records not delivered after their retries · newest first</p>
        </div>
        <FailedRecords
          destinationId={destination.id}
          letters={failed.letters}
          total={failed.total}
          canRetry={active}
        />
        <Pager
          label="Failed Records pages"
          page={failed.page}
          pageCount={failed.pageCount}
          hrefFor={(page) => pageHref("failed", page)}
        />
      </section>

      <section aria-labelledby="settings-heading" className="rounded-lg border border-slate-200 bg-white">
        <div className="border-b border-slate-100 px-5 py-3">
          <h2 id="settings-heading" className="font-semibold">
            Delivery settings
          </h2>
        </div>
        <DeliverySettingsForm destinationId={destination.id} settings={settings} />
      </section>

      <section aria-labelledby="config-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="config-heading" className="mb-3 font-semibold">
          Configuration{destination.currentVersion > 0 ? ` (version ${destination.currentVersion})` : ""}
        </h2>
        <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
          <dt className="text-slate-500">Endpoint</dt>
          <dd>
            {template
              ? `${template.name} — ${template.method} ${template.path}`
              : `${endpoint.method} ${endpoint.url}`}
          </dd>
          <dt className="text-slate-500">Content Format</dt>
          <dd>{template?.contentFormat ?? endpoint.contentFormat}</dd>
          <dt className="text-slate-500">Batching</dt>
          <dd>
            {endpoint.batching.enabled
              ? `${endpoint.batching.size} per request (${endpoint.batching.grouping})`
              : "One record per request"}
          </dd>
          <dt className="text-slate-500">Excluded</dt>
          <dd>{endpoint.excludeAttributes.join(", ") || "Nothing"}</dd>
          <dt className="text-slate-500">Request Headers</dt>
          <dd className="font-mono text-xs">
            {endpoint.headers.map((h) => `${h.name}: ${h.value}`).join(", ") || "None"}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="versions-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="versions-heading" className="mb-3 font-semibold">
          Version history
        </h2>
        <ol className="space-y-1 text-sm">
          {destination.versions.map((version) => (
            <li key={version.version}>
              Version {version.version} · saved {formatDateTime(version.createdAt)}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

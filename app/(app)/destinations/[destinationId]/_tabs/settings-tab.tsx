import Link from "next/link";
import { DeliverySettingsForm } from "@/components/delivery/delivery-settings-form";
import { VersionHistory } from "@/components/delivery/version-history";
import { findTemplate } from "@/lib/connectors/templates/find-template";
import type { DeliverySettings } from "@/lib/delivery/delivery-settings";
import type { DestinationDetail } from "@/lib/destinations/manage-destinations";
import { compareVersions } from "@/lib/monitoring/destination-versions";

export async function SettingsTab({
  workspaceId,
  destination,
  settings,
  compare,
  canEdit,
}: {
  workspaceId: string;
  destination: DestinationDetail;
  settings: DeliverySettings;
  compare: { from: number | null; to: number | null };
  /** Viewers read the settings and configuration; the forms and Edit endpoint are not shown. */
  canEdit: boolean;
}) {
  const comparison =
    compare.from !== null && compare.to !== null
      ? await compareVersions(workspaceId, destination.id, compare.from, compare.to)
      : null;
  const { endpoint } = destination.config;
  const template =
    endpoint.mode === "template" ? findTemplate(endpoint.connectorId, endpoint.templateId) : undefined;
  return (
    <div className="space-y-6">
      {canEdit ? (
        <section aria-labelledby="settings-heading" className="rounded-lg border border-slate-200 bg-white">
          <div className="border-b border-slate-100 px-5 py-3">
            <h2 id="settings-heading" className="font-semibold">
              Delivery settings
            </h2>
          </div>
          <DeliverySettingsForm destinationId={destination.id} settings={settings} />
        </section>
      ) : null}

      <section aria-labelledby="config-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="config-heading" className="font-semibold">
            Configuration{destination.currentVersion > 0 ? ` (version ${destination.currentVersion})` : ""}
          </h2>
          {canEdit ? (
            <Link
              href={`/destinations/${destination.id}/setup?step=endpoint`}
              className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-50"
            >
              Edit endpoint
            </Link>
          ) : null}
        </div>
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
        <VersionHistory
          action={`/destinations/${destination.id}`}
          versions={destination.versions}
          from={compare.from}
          to={compare.to}
          comparison={comparison}
        />
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { formatDateTime } from "@/components/ui/format-date";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { findConnector } from "@/lib/connectors/registry";
import { findTemplate } from "@/lib/connectors/templates/find-template";
import { getDestination } from "@/lib/destinations/manage-destinations";

export const metadata: Metadata = { title: "Destination" };

export default async function DestinationPage({ params }: { params: Promise<{ destinationId: string }> }) {
  const session = await requireWorkspaceSession();
  const id = z.uuid().safeParse((await params).destinationId);
  const destination = id.success ? await getDestination(session.workspace.id, id.data) : null;
  if (!destination) notFound();
  const connector = findConnector(destination.connectorId);
  const { endpoint } = destination.config;
  const template =
    endpoint.mode === "template" ? findTemplate(endpoint.connectorId, endpoint.templateId) : undefined;
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{destination.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            <Link href={`/datasets/${destination.dataset.id}`} className="hover:underline">
              {destination.dataset.name}
            </Link>{" "}
            → {connector?.name} · <span className="capitalize">{destination.status}</span> · version{" "}
            {destination.currentVersion}
          </p>
        </div>
        <Link
          href={`/destinations/${destination.id}/setup?step=endpoint`}
          className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-50"
        >
          Edit
        </Link>
      </header>
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
      <p className="text-sm text-slate-600">
        This destination is saved but not delivering: activation arrives with runs.
      </p>
    </div>
  );
}

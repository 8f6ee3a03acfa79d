import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import {
  DeleteDatasetButton,
  RegenerateIngestKey,
  RenameDatasetForm,
} from "@/components/datasets/dataset-actions";
import { RecordsView } from "@/components/datasets/records-view";
import { SchemaTable } from "@/components/datasets/schema-table";
import { CopyButton } from "@/components/ui/copy-button";
import { CopyField } from "@/components/ui/copy-field";
import { formatDateTime } from "@/components/ui/format-date";
import { can } from "@/lib/auth/permissions";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { ingestCurlCommand } from "@/lib/datasets/ingest-curl";
import { ingestUrl } from "@/lib/datasets/ingest-url";
import { getDataset, listRecords } from "@/lib/datasets/read-datasets";

export const metadata: Metadata = { title: "Dataset" };

const searchSchema = z.object({
  view: z.enum(["table", "json"]).catch("table"),
  before: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional()
    .catch(undefined),
});

export default async function DatasetPage({
  params,
  searchParams,
}: {
  params: Promise<{ datasetId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireWorkspaceSession();
  const id = z.uuid().safeParse((await params).datasetId);
  const dataset = id.success ? await getDataset(session.workspace.id, id.data) : null;
  if (!dataset) notFound();
  const { view, before } = searchSchema.parse(await searchParams);
  const { records, nextBefore } = await listRecords(
    session.workspace.id,
    dataset.id,
    before ? BigInt(before) : undefined,
  );
  const url = ingestUrl(dataset.id);
  const canEdit = can(session.role, "datasets.manage");
  const canSend = can(session.role, "destinations.manage");

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{dataset.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {dataset.recordCount.toLocaleString("en-US")} records ·{" "}
            {dataset.lastReceivedAt
              ? `last received ${formatDateTime(dataset.lastReceivedAt)}`
              : "nothing received yet"}
          </p>
        </div>
        {canSend ? (
          <Link
            href={`/destinations/new?dataset=${dataset.id}`}
            className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            Send to Destination
          </Link>
        ) : null}
      </header>

      <section aria-labelledby="schema-heading" className="rounded-lg border border-slate-200 bg-white py-4">
        <h2 id="schema-heading" className="mb-2 px-4 font-semibold">
          Schema
        </h2>
        <SchemaTable schema={dataset.schema} />
      </section>

      <section
        id="records"
        aria-labelledby="records-heading"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="records-heading" className="mb-2 font-semibold">
          Sample records
        </h2>
        <RecordsView
          datasetId={dataset.id}
          records={records}
          view={view}
          nextBefore={nextBefore}
          paged={Boolean(before)}
        />
      </section>

      <section
        aria-labelledby="ingest-heading"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="ingest-heading" className="font-semibold">
          Ingest endpoint
        </h2>
        <p className="text-sm text-slate-600">
          POST one JSON object, an array of objects, or NDJSON (<code>application/x-ndjson</code>, gzip
          allowed), with the dataset's ingest key as a Bearer token. Each request is stored whole or rejected
          whole.
        </p>
        <CopyField label="Ingest URL" value={url} copyLabel="Copy ingest URL" />
        <div>
          <p className="text-sm font-medium text-slate-700">
            Example{dataset.ingestKeyHint ? ` (the key ends in ${dataset.ingestKeyHint})` : ""}
          </p>
          <figure aria-label="Ingest command">
            <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
              {ingestCurlCommand(url)}
            </pre>
            <figcaption className="mt-2">
              <CopyButton value={ingestCurlCommand(url)} label="Copy ingest command" />
            </figcaption>
          </figure>
        </div>
        {can(session.role, "ingestKeys.manage") ? (
          <RegenerateIngestKey id={dataset.id} hasKey={dataset.hasIngestKey} url={url} />
        ) : null}
      </section>

      {canEdit ? (
        <section
          aria-labelledby="settings-heading"
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id="settings-heading" className="font-semibold">
            Settings
          </h2>
          <RenameDatasetForm id={dataset.id} name={dataset.name} />
          <DeleteDatasetButton id={dataset.id} name={dataset.name} records={dataset.recordCount} />
        </section>
      ) : null}
    </div>
  );
}

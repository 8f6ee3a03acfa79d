import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatBytes } from "@/components/inspector/format";
import { RequestList } from "@/components/inspector/request-list";
import { CopyField } from "@/components/ui/copy-field";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { findBin } from "@/lib/inspector/find-bin";
import { inspectorUrl } from "@/lib/inspector/inspector-url";
import {
  MAX_REQUEST_BODY_BYTES,
  MAX_REQUESTS_PER_BIN,
  MAX_REQUESTS_PER_BIN_PER_MINUTE,
  MAX_STORED_BYTES_PER_WORKSPACE,
} from "@/lib/inspector/limits";
import { listRequests } from "@/lib/inspector/list-requests";
import { toRequestJson } from "@/lib/inspector/request-json";

export const metadata: Metadata = { title: "Request Inspector" };

export default async function InspectorPage({ params }: { params: Promise<{ binId: string }> }) {
  const session = await requireWorkspaceSession();
  const { binId } = await params;
  const bin = await findBin(session.workspace.id, binId);
  if (!bin) notFound();
  const requests = (await listRequests(session.workspace.id, bin.id)) ?? [];
  const url = inspectorUrl(bin.id);
  const curl = `curl -X POST '${url}/hello?source=curl' \\\n  -H 'content-type: application/json' \\\n  -d '{"hello": "world"}'`;

  return (
    <>
      <Link href="/inspector" className="mb-2 inline-block text-sm text-brand-700 hover:underline">
        ← Request Inspector
      </Link>
      <PageHeader
        title={bin.name}
        description="Every request sent to this URL, or below it, is recorded and shown here as it arrives."
      />
      <div className="space-y-6">
        <section
          aria-label="How to send requests"
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
        >
          <CopyField value={url} label="Inspector URL" copyLabel="Copy URL" copyText="Copy URL" />
          <div>
            <h2 className="text-sm font-medium text-slate-700">Try it with curl</h2>
            <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">
              {curl}
            </pre>
            <p className="mt-2 text-xs text-slate-500">
              Any method works, and any path below the URL. The newest {MAX_REQUESTS_PER_BIN} requests are
              kept; bodies over {formatBytes(MAX_REQUEST_BODY_BYTES)} are refused. Oldest requests are dropped
              beyond {formatStorageCap(MAX_STORED_BYTES_PER_WORKSPACE)} across the workspace&apos;s
              inspectors, and more than {MAX_REQUESTS_PER_BIN_PER_MINUTE} requests a minute are answered with
              429.
            </p>
          </div>
        </section>
        <RequestList binId={bin.id} initialRequests={requests.map(toRequestJson)} />
      </div>
    </>
  );
}

/** "25 MB": the cap is a round number of (decimal) megabytes. */
function formatStorageCap(bytes: number): string {
  return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
}

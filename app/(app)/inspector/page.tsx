import type { Metadata } from "next";
import Link from "next/link";
import { CreateBinForm } from "@/components/inspector/create-bin-form";
import { DeleteBinButton } from "@/components/inspector/delete-bin-button";
import { CopyField } from "@/components/ui/copy-field";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format-date";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { inspectorUrl } from "@/lib/inspector/inspector-url";
import { listBins } from "@/lib/inspector/list-bins";

export const metadata: Metadata = { title: "Request Inspector" };

export default async function InspectorListPage() {
  const session = await requireWorkspaceSession();
  const bins = await listBins(session.workspace.id);
  const canManage = can(session.role, "inspector.manage");

  return (
    <>
      <PageHeader
        title="Request Inspector"
        description="URLs inside Outflow that record every request sent to them."
      />
      <div className="space-y-6">
        {canManage ? <CreateBinForm /> : null}
        {bins.length === 0 ? (
          <EmptyState title="No inspectors yet">
            An inspector is a URL that records every request it receives. Send a destination's requests here
            to see exactly what Outflow sends, with no account elsewhere: method, path, headers and body, as
            they arrive.
          </EmptyState>
        ) : (
          <section
            aria-labelledby="inspectors-heading"
            className="rounded-lg border border-slate-200 bg-white"
          >
            <h2 id="inspectors-heading" className="border-b border-slate-100 px-5 py-3 font-semibold">
              {bins.length === 1 ? "1 inspector" : `${bins.length} inspectors`}
            </h2>
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-5 py-2 font-medium">Name</th>
                  <th className="px-5 py-2 font-medium">URL</th>
                  <th className="px-5 py-2 font-medium">Requests</th>
                  <th className="px-5 py-2 font-medium">Last request</th>
                  <th className="px-5 py-2" />
                </tr>
              </thead>
              <tbody>
                {bins.map((bin) => (
                  <tr key={bin.id} className="border-t border-slate-100 align-middle">
                    <td className="min-w-40 px-5 py-3 font-medium">
                      <Link href={`/inspector/${bin.id}`} className="text-brand-700 hover:underline">
                        {bin.name}
                      </Link>
                    </td>
                    <td className="px-5 py-3">
                      <CopyField
                        value={inspectorUrl(bin.id)}
                        label={`URL of ${bin.name}`}
                        copyLabel="Copy URL"
                        copyText="Copy URL"
                        hideLabel
                      />
                    </td>
                    <td className="px-5 py-3 text-slate-600">{bin.requestCount}</td>
                    <td className="whitespace-nowrap px-5 py-3 text-slate-600">
                      {bin.lastRequestAt ? formatDateTime(bin.lastRequestAt) : "None yet"}
                    </td>
                    <td className="whitespace-nowrap px-5 py-3 text-right">
                      {canManage ? <DeleteBinButton binId={bin.id} name={bin.name} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </div>
    </>
  );
}

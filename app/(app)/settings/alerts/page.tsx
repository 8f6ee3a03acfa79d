import type { Metadata } from "next";
import { AlertWebhookForm } from "@/components/settings/alert-webhook-form";
import { formatDateTime } from "@/components/ui/format-date";
import { PageHeader } from "@/components/ui/page-header";
import { can, refusal } from "@/lib/auth/permissions";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { getAlertWebhookSetting } from "@/lib/notifications/alert-webhook-setting";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertSettingsPage() {
  const session = await requireWorkspaceSession();
  const canManage = can(session.role, "alerts.manage");
  const webhook = await getAlertWebhookSetting(session.workspace.id);

  return (
    <>
      <PageHeader
        title="Alerts"
        description="Alerts appear under the bell. They can also be POSTed to a webhook, e.g. a Slack incoming webhook."
      />
      <section
        aria-labelledby="webhook-heading"
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="webhook-heading" className="font-semibold">
          Alert webhook
        </h2>
        {webhook ? (
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-slate-500">URL</dt>
            <dd className="break-all font-mono text-slate-800">{webhook.hint}</dd>
            <dt className="text-slate-500">Last alert</dt>
            <dd className="text-slate-800">
              {webhook.lastAt
                ? `${webhook.lastError ? "Not delivered" : "Delivered"} ${formatDateTime(webhook.lastAt)}`
                : "None sent yet"}
            </dd>
          </dl>
        ) : (
          <p className="text-sm text-slate-600">No webhook: alerts are shown in Outflow only.</p>
        )}
        {webhook?.lastError ? (
          <div
            role="alert"
            className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            <p className="font-medium">The last alert could not be delivered to the webhook</p>
            <p className="mt-1 break-words">{webhook.lastError}</p>
          </div>
        ) : null}
        {canManage ? (
          <AlertWebhookForm saved={webhook !== null} />
        ) : (
          <p className="text-sm text-slate-600">{refusal("alerts.manage", session.workspace.name)}</p>
        )}
      </section>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { MarkAllReadButton } from "@/components/notifications/mark-all-read-button";
import { notificationKindLabels } from "@/components/notifications/notification-kind";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format-date";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { listNotifications, NOTIFICATIONS_SHOWN } from "@/lib/notifications/notification-list";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const session = await requireWorkspaceSession();
  const notifications = await listNotifications(session.workspace.id);
  const unread = notifications.filter((notification) => !notification.read).length;

  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          <>
            Alerts when a destination starts failing, a run fails, or a credential's key is about to expire.{" "}
            {can(session.role, "alerts.manage") ? (
              <Link href="/settings/alerts" className="font-medium text-brand-700 hover:underline">
                Send them to Slack or another webhook
              </Link>
            ) : null}
          </>
        }
        actions={<MarkAllReadButton disabled={unread === 0} />}
      />
      {notifications.length === 0 ? (
        <EmptyState title="No alerts">
          Nothing needs your attention. Alerts appear here when a destination starts failing, a run fails, or
          a credential's key is about to expire.
        </EmptyState>
      ) : (
        <section aria-label="Alerts" className="rounded-lg border border-slate-200 bg-white">
          <ul>
            {notifications.map((notification) => {
              const kind = notificationKindLabels[notification.kind];
              return (
                <li
                  key={notification.id}
                  className={`border-t border-slate-100 px-5 py-4 first:border-t-0 ${notification.read ? "" : "bg-brand-50/40"}`}
                >
                  <article aria-label={notification.title}>
                    <div className="flex flex-wrap items-center gap-2 text-xs">
                      <span className={`rounded-full px-2 py-0.5 font-medium ${kind.className}`}>
                        {kind.label}
                      </span>
                      <time dateTime={notification.createdAt.toISOString()} className="text-slate-500">
                        {formatDateTime(notification.createdAt)}
                      </time>
                      {notification.read ? null : (
                        <span className="font-semibold text-brand-700">Unread</span>
                      )}
                    </div>
                    <h2 className="mt-1 font-semibold text-slate-900">
                      <Link href={notification.link} className="hover:underline">
                        {notification.title}
                      </Link>
                    </h2>
                    <p className="mt-1 text-sm leading-6 text-slate-600">{notification.message}</p>
                  </article>
                </li>
              );
            })}
          </ul>
          {notifications.length === NOTIFICATIONS_SHOWN ? (
            <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-500">
              The newest {NOTIFICATIONS_SHOWN} alerts are shown.
            </p>
          ) : null}
        </section>
      )}
    </>
  );
}

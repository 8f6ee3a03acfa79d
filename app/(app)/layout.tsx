import Link from "next/link";
import type { ReactNode } from "react";
import { NavLinks } from "@/components/shell/nav-links";
import { NotificationBell } from "@/components/shell/notification-bell";
import { UserMenu } from "@/components/shell/user-menu";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { countUnreadNotifications } from "@/lib/notifications/notification-list";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await requireWorkspaceSession();
  const unread = await countUnreadNotifications(session.workspace.id);
  return (
    <div className="flex min-h-screen">
      <aside className="hidden w-56 shrink-0 border-r border-slate-200 bg-white px-3 py-4 md:block">
        <Link href="/" className="mb-6 flex items-center gap-2 px-3">
          {/* biome-ignore lint/performance/noImgElement: a static SVG needs no optimisation */}
          <img src="/logo.svg" alt="" width={28} height={28} />
          <span className="text-lg font-semibold tracking-tight">Outflow</span>
        </Link>
        <NavLinks />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-between border-b border-slate-200 bg-white px-6">
          <span className="text-sm text-slate-500">{session.workspace.name}</span>
          <div className="flex items-center gap-2">
            <NotificationBell initialUnread={unread} />
            <UserMenu
              name={session.user.name}
              email={session.user.email}
              workspaceName={session.workspace.name}
              roleLabel={ROLE_LABELS[session.role]}
              canReadAudit={can(session.role, "audit.read")}
            />
          </div>
        </header>
        <div className="border-b border-slate-200 bg-white px-3 py-2 md:hidden">
          <NavLinks compact />
        </div>
        <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">{children}</main>
      </div>
    </div>
  );
}

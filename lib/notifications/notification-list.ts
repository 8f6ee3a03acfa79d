/** The bell's reads and its one write, always within the signed-in user's workspace. */
import { db } from "@/lib/db/client";
import type { NotificationKind } from "@/lib/db/generated/client";

/** The list shows the newest alerts; older ones stay stored but are not paged through. */
export const NOTIFICATIONS_SHOWN = 100;

export type NotificationItem = {
  id: string;
  kind: NotificationKind;
  title: string;
  message: string;
  link: string;
  createdAt: Date;
  read: boolean;
};

export async function countUnreadNotifications(workspaceId: string): Promise<number> {
  return db().notification.count({ where: { workspaceId, readAt: null } });
}

export async function listNotifications(workspaceId: string): Promise<NotificationItem[]> {
  const rows = await db().notification.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    take: NOTIFICATIONS_SHOWN,
    select: { id: true, kind: true, title: true, message: true, link: true, createdAt: true, readAt: true },
  });
  return rows.map(({ readAt, ...row }) => ({ ...row, read: readAt !== null }));
}

export async function markAllNotificationsRead(workspaceId: string): Promise<number> {
  const { count } = await db().notification.updateMany({
    where: { workspaceId, readAt: null },
    data: { readAt: new Date() },
  });
  return count;
}

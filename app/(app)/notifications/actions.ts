"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/action";
import { markAllNotificationsRead } from "@/lib/notifications/notification-list";

export const markAllNotificationsReadAction = workspaceAction(z.object({}), async (_input, session) => ({
  marked: await markAllNotificationsRead(session.workspace.id),
}));

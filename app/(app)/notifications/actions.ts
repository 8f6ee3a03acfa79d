"use server";

import { z } from "zod";
import { permittedAction } from "@/lib/actions/action";
import { markAllNotificationsRead } from "@/lib/notifications/notification-list";

export const markAllNotificationsReadAction = permittedAction(
  "notifications.read",
  z.object({}),
  async (_input, session) => ({
    marked: await markAllNotificationsRead(session.workspace.id),
  }),
);

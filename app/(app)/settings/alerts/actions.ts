"use server";

import { z } from "zod";
import { ownerAction } from "@/lib/actions/action";
import { UserError } from "@/lib/actions/user-error";
import { sendTestAlert } from "@/lib/notifications/alert-webhook";
import { alertWebhookSchema } from "@/lib/notifications/alert-webhook-schema";
import { removeAlertWebhook, saveAlertWebhook } from "@/lib/notifications/alert-webhook-setting";

export const saveAlertWebhookAction = ownerAction(alertWebhookSchema, async ({ url }, session) => {
  await saveAlertWebhook(session.workspace.id, url);
});

export const removeAlertWebhookAction = ownerAction(z.object({}), async (_input, session) => {
  await removeAlertWebhook(session.workspace.id);
});

export const sendTestAlertAction = ownerAction(z.object({}), async (_input, session) => {
  const error = await sendTestAlert(session.workspace.id);
  if (error) throw new UserError(`The test alert was not accepted: ${error}`);
});

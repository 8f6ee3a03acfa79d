"use server";

import { z } from "zod";
import { permittedAction } from "@/lib/actions/action";
import { UserError } from "@/lib/actions/user-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { sendTestAlert } from "@/lib/notifications/alert-webhook";
import { alertWebhookSchema } from "@/lib/notifications/alert-webhook-schema";
import { removeAlertWebhook, saveAlertWebhook } from "@/lib/notifications/alert-webhook-setting";

// The webhook URL usually carries its own token, so events name the setting, never the URL.
export const saveAlertWebhookAction = permittedAction(
  "alerts.manage",
  alertWebhookSchema,
  async ({ url }, session) => {
    await saveAlertWebhook(session.workspace.id, url);
    await recordAudit(session, {
      action: "settings.alert_webhook_saved",
      resourceType: "settings",
      resourceName: "Alert webhook",
    });
  },
);

export const removeAlertWebhookAction = permittedAction(
  "alerts.manage",
  z.object({}),
  async (_input, session) => {
    await removeAlertWebhook(session.workspace.id);
    await recordAudit(session, {
      action: "settings.alert_webhook_removed",
      resourceType: "settings",
      resourceName: "Alert webhook",
    });
  },
);

export const sendTestAlertAction = permittedAction("alerts.manage", z.object({}), async (_input, session) => {
  const error = await sendTestAlert(session.workspace.id);
  await recordAudit(session, {
    action: "settings.alert_webhook_tested",
    resourceType: "settings",
    resourceName: "Alert webhook",
    details: { ok: !error },
  });
  if (error) throw new UserError(`The test alert was not accepted: ${error}`);
});

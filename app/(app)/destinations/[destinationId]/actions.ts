"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionContext, permittedAction } from "@/lib/actions/action";
import { type AuditEventInput, recordAudit } from "@/lib/audit/record-audit";
import { resourceName } from "@/lib/audit/resource-name";
import { discardDeadLetters, editDeadLetter, retryDeadLetters } from "@/lib/delivery/dead-letters";
import { deliverySettingsSchema, saveDeliverySettings } from "@/lib/delivery/delivery-settings";
import { activateDestination, pauseDestination, runDestinationNow } from "@/lib/delivery/lifecycle";

const destination = z.object({ id: z.uuid() });
/** The failed records an action applies to: all of them, these dead letter ids, or all matching a filter. */
const selection = z.union([
  z.literal("all"),
  z
    .array(z.string().regex(/^\d{1,19}$/))
    .min(1)
    .max(1000),
  z.object({
    filter: z.object({ reason: z.string().max(5000).optional(), text: z.string().max(200).optional() }),
  }),
]);

function refresh(id: string) {
  revalidatePath(`/destinations/${id}`);
}

async function audit(
  session: ActionContext,
  id: string,
  action: string,
  details?: AuditEventInput["details"],
) {
  await recordAudit(session, {
    action: `destination.${action}`,
    resourceType: "destination",
    resourceId: id,
    resourceName: await resourceName("destination", session.workspace.id, id),
    details,
  });
}

export const activateDestinationAction = permittedAction(
  "destinations.manage",
  destination,
  async ({ id }, session) => {
    await activateDestination(session.workspace.id, id);
    await audit(session, id, "activated");
    refresh(id);
  },
);

export const pauseDestinationAction = permittedAction(
  "destinations.manage",
  destination,
  async ({ id }, session) => {
    await pauseDestination(session.workspace.id, id);
    await audit(session, id, "paused");
    refresh(id);
  },
);

export const runDestinationNowAction = permittedAction(
  "destinations.manage",
  destination,
  async ({ id }, session) => {
    await runDestinationNow(session.workspace.id, id);
    await audit(session, id, "run_started");
    refresh(id);
  },
);

export const saveDeliverySettingsAction = permittedAction(
  "destinations.manage",
  z.object({ id: z.uuid(), settings: deliverySettingsSchema }),
  async ({ id, settings }, session) => {
    await saveDeliverySettings(session.workspace.id, id, settings);
    await audit(session, id, "delivery_settings_saved", { settings });
    refresh(id);
  },
);

/** Retry Failed Records: the selected ones, or all of them, in a new run. */
export const retryFailedRecordsAction = permittedAction(
  "destinations.manage",
  z.object({ id: z.uuid(), selection }),
  async ({ id, selection }, session) => {
    const retried = await retryDeadLetters(session.workspace.id, id, selection);
    await audit(session, id, "failed_records_retried", { records: retried.records, runId: retried.runId });
    refresh(id);
    return { records: retried.records };
  },
);

export const discardFailedRecordsAction = permittedAction(
  "destinations.manage",
  z.object({ id: z.uuid(), selection }),
  async ({ id, selection }, session) => {
    const discarded = await discardDeadLetters(session.workspace.id, id, selection);
    await audit(session, id, "failed_records_discarded", { records: discarded });
    refresh(id);
    return { records: discarded };
  },
);

export const editFailedRecordAction = permittedAction(
  "destinations.manage",
  z.object({
    id: z.uuid(),
    deadLetterId: z.string().regex(/^\d{1,19}$/),
    payload: z.string().max(5_000_000, "A record is at most 5 MB of JSON."),
  }),
  async ({ id, deadLetterId, payload }, session) => {
    await editDeadLetter(session.workspace.id, id, deadLetterId, payload);
    // The record's content may be personal data; the event names which record was edited.
    await audit(session, id, "failed_record_edited", { deadLetterId });
    refresh(id);
  },
);

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction } from "@/lib/actions/action";
import { discardDeadLetters, editDeadLetter, retryDeadLetters } from "@/lib/delivery/dead-letters";
import { deliverySettingsSchema, saveDeliverySettings } from "@/lib/delivery/delivery-settings";
import { activateDestination, pauseDestination, runDestinationNow } from "@/lib/delivery/lifecycle";

const destination = z.object({ id: z.uuid() });
/** The failed records an action applies to: all of them, or these dead letter ids. */
const selection = z.union([
  z.literal("all"),
  z
    .array(z.string().regex(/^\d{1,19}$/))
    .min(1)
    .max(1000),
]);

function refresh(id: string) {
  revalidatePath(`/destinations/${id}`);
}

export const activateDestinationAction = workspaceAction(destination, async ({ id }, session) => {
  await activateDestination(session.workspace.id, id);
  refresh(id);
});

export const pauseDestinationAction = workspaceAction(destination, async ({ id }, session) => {
  await pauseDestination(session.workspace.id, id);
  refresh(id);
});

export const runDestinationNowAction = workspaceAction(destination, async ({ id }, session) => {
  await runDestinationNow(session.workspace.id, id);
  refresh(id);
});

export const saveDeliverySettingsAction = workspaceAction(
  z.object({ id: z.uuid(), settings: deliverySettingsSchema }),
  async ({ id, settings }, session) => {
    await saveDeliverySettings(session.workspace.id, id, settings);
    refresh(id);
  },
);

/** Retry Failed Records: the selected ones, or all of them, in a new run. */
export const retryFailedRecordsAction = workspaceAction(
  z.object({ id: z.uuid(), selection }),
  async ({ id, selection }, session) => {
    const retried = await retryDeadLetters(session.workspace.id, id, selection);
    refresh(id);
    return { records: retried.records };
  },
);

export const discardFailedRecordsAction = workspaceAction(
  z.object({ id: z.uuid(), selection }),
  async ({ id, selection }, session) => {
    const discarded = await discardDeadLetters(session.workspace.id, id, selection);
    refresh(id);
    return { records: discarded };
  },
);

export const editFailedRecordAction = workspaceAction(
  z.object({
    id: z.uuid(),
    deadLetterId: z.string().regex(/^\d{1,19}$/),
    payload: z.string().max(5_000_000, "A record is at most 5 MB of JSON."),
  }),
  async ({ id, deadLetterId, payload }, session) => {
    await editDeadLetter(session.workspace.id, id, deadLetterId, payload);
    refresh(id);
  },
);

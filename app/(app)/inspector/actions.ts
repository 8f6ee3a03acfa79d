"use server";

import { z } from "zod";
import { permittedAction } from "@/lib/actions/action";
import { UserError } from "@/lib/actions/user-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { resourceName } from "@/lib/audit/resource-name";
import { createBin } from "@/lib/inspector/create-bin";
import { deleteBin } from "@/lib/inspector/delete-bin";
import { createBinSchema } from "@/lib/inspector/schemas";

export const createInspectorAction = permittedAction(
  "inspector.manage",
  createBinSchema,
  async ({ name }, session) => {
    const bin = await createBin(session.workspace.id, name);
    await recordAudit(session, {
      action: "inspector.created",
      resourceType: "inspector",
      resourceId: bin.id,
      resourceName: name,
    });
    return { id: bin.id };
  },
);

export const deleteInspectorAction = permittedAction(
  "inspector.manage",
  z.object({ binId: z.string().min(1) }),
  async ({ binId }, session) => {
    const name = await resourceName("inspector", session.workspace.id, binId);
    if (!(await deleteBin(session.workspace.id, binId))) {
      throw new UserError("This inspector no longer exists.");
    }
    await recordAudit(session, {
      action: "inspector.deleted",
      resourceType: "inspector",
      resourceId: binId,
      resourceName: name,
    });
  },
);

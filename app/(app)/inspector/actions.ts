"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/action";
import { UserError } from "@/lib/actions/user-error";
import { createBin } from "@/lib/inspector/create-bin";
import { deleteBin } from "@/lib/inspector/delete-bin";
import { createBinSchema } from "@/lib/inspector/schemas";

export const createInspectorAction = workspaceAction(createBinSchema, async ({ name }, session) => {
  const bin = await createBin(session.workspace.id, name);
  return { id: bin.id };
});

export const deleteInspectorAction = workspaceAction(
  z.object({ binId: z.string().min(1) }),
  async ({ binId }, session) => {
    if (!(await deleteBin(session.workspace.id, binId))) {
      throw new UserError("This inspector no longer exists.");
    }
  },
);

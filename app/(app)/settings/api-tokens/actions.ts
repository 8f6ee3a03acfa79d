"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { permittedAction } from "@/lib/actions/action";
import { createApiToken, newTokenSchema, revokeApiToken } from "@/lib/api/tokens";
import { recordAudit } from "@/lib/audit/record-audit";

/** A new token for the signed-in user; the token itself is in this answer only. */
export const createApiTokenAction = permittedAction(
  "apiTokens.manage",
  newTokenSchema,
  async (input, session) => {
    const created = await createApiToken(session, input);
    await recordAudit(session, {
      action: "apiToken.created",
      resourceType: "apiToken",
      resourceId: created.id,
      resourceName: input.name,
      details: { role: input.role, expiresInDays: input.expiresInDays },
    });
    revalidatePath("/settings/api-tokens");
    return created;
  },
);

export const revokeApiTokenAction = permittedAction(
  "apiTokens.manage",
  z.object({ id: z.uuid() }),
  async ({ id }, session) => {
    const name = await revokeApiToken(session.workspace.id, session.user.id, id);
    await recordAudit(session, {
      action: "apiToken.revoked",
      resourceType: "apiToken",
      resourceId: id,
      resourceName: name,
    });
    revalidatePath("/settings/api-tokens");
  },
);

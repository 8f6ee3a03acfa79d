"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { permittedAction } from "@/lib/actions/action";
import { UserError } from "@/lib/actions/user-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { resourceName } from "@/lib/audit/resource-name";
import { credentialInputSchema } from "@/lib/credentials/credential-input";
import { deleteCredential } from "@/lib/credentials/delete-credential";
import { credentialFromDraft } from "@/lib/credentials/draft-credential";
import { saveCredential } from "@/lib/credentials/save-credential";
import { testConnection, testSavedCredential } from "@/lib/credentials/test-connection";

export const saveCredentialAction = permittedAction(
  "credentials.manage",
  credentialInputSchema,
  async (input, session) => {
    const saved = await saveCredential(session.workspace.id, input);
    await recordAudit(session, {
      action: input.id ? "credential.edited" : "credential.created",
      resourceType: "credential",
      resourceId: saved.id,
      resourceName: input.name,
      // Which fields were entered, never what was entered.
      details: {
        connector: input.connectorId,
        fieldsEntered: Object.keys(input.values).filter((key) => input.values[key] !== ""),
      },
    });
    revalidatePath("/credentials");
    return saved;
  },
);

/** Test Connection on the form: the values as they are now, saved or not. */
export const testCredentialDraftAction = permittedAction(
  "credentials.manage",
  credentialInputSchema,
  async (input, session) => {
    const outcome = await testConnection(await credentialFromDraft(session.workspace.id, input));
    await recordAudit(session, {
      action: "credential.tested",
      resourceType: "credential",
      resourceId: input.id ?? null,
      resourceName: input.name,
      details: { draft: true, ok: outcome.ok },
    });
    return outcome;
  },
);

/** Test Connection on a saved credential: the outcome becomes its status. */
export const testSavedCredentialAction = permittedAction(
  "credentials.manage",
  z.object({ id: z.uuid() }),
  async ({ id }, session) => {
    const outcome = await testSavedCredential(session.workspace.id, id);
    if (!outcome) throw new UserError("This credential no longer exists.");
    await recordAudit(session, {
      action: "credential.tested",
      resourceType: "credential",
      resourceId: id,
      resourceName: await resourceName("credential", session.workspace.id, id),
      details: { ok: outcome.ok },
    });
    revalidatePath("/credentials");
    return outcome;
  },
);

export const deleteCredentialAction = permittedAction(
  "credentials.manage",
  z.object({ id: z.uuid() }),
  async ({ id }, session) => {
    const name = await resourceName("credential", session.workspace.id, id);
    await deleteCredential(session.workspace.id, id);
    await recordAudit(session, {
      action: "credential.deleted",
      resourceType: "credential",
      resourceId: id,
      resourceName: name,
    });
    revalidatePath("/credentials");
  },
);

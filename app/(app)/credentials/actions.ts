"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction } from "@/lib/actions/action";
import { UserError } from "@/lib/actions/user-error";
import { credentialInputSchema } from "@/lib/credentials/credential-input";
import { deleteCredential } from "@/lib/credentials/delete-credential";
import { credentialFromDraft } from "@/lib/credentials/draft-credential";
import { saveCredential } from "@/lib/credentials/save-credential";
import { testConnection, testSavedCredential } from "@/lib/credentials/test-connection";

export const saveCredentialAction = workspaceAction(credentialInputSchema, async (input, session) => {
  const saved = await saveCredential(session.workspace.id, input);
  revalidatePath("/credentials");
  return saved;
});

/** Test Connection on the form: the values as they are now, saved or not. */
export const testCredentialDraftAction = workspaceAction(credentialInputSchema, async (input, session) =>
  testConnection(await credentialFromDraft(session.workspace.id, input)),
);

/** Test Connection on a saved credential: the outcome becomes its status. */
export const testSavedCredentialAction = workspaceAction(
  z.object({ id: z.uuid() }),
  async ({ id }, session) => {
    const outcome = await testSavedCredential(session.workspace.id, id);
    if (!outcome) throw new UserError("This credential no longer exists.");
    revalidatePath("/credentials");
    return outcome;
  },
);

export const deleteCredentialAction = workspaceAction(z.object({ id: z.uuid() }), async ({ id }, session) => {
  await deleteCredential(session.workspace.id, id);
  revalidatePath("/credentials");
});

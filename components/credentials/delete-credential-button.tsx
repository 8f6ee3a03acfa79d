"use client";

import { deleteCredentialAction } from "@/app/(app)/credentials/actions";
import { ConfirmButton } from "@/components/ui/confirm-button";

export function DeleteCredentialButton({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmButton
      label="Delete credential"
      question={`Delete the credential "${name}"? Its secrets are erased; this cannot be undone.`}
      run={() => deleteCredentialAction({ id })}
      redirectTo="/credentials"
    />
  );
}

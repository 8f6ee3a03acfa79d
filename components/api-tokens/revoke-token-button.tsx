"use client";

import { revokeApiTokenAction } from "@/app/(app)/settings/api-tokens/actions";
import { ConfirmButton } from "@/components/ui/confirm-button";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmButton
      label={`Revoke ${name}`}
      question={`Revoke "${name}"? Every script using it gets 401 from its next call.`}
      run={() => revokeApiTokenAction({ id })}
    />
  );
}

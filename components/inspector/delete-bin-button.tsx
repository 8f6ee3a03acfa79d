"use client";

import { deleteInspectorAction } from "@/app/(app)/inspector/actions";
import { ConfirmButton } from "@/components/ui/confirm-button";

export function DeleteBinButton({ binId, name }: { binId: string; name: string }) {
  return (
    <ConfirmButton
      label="Delete inspector"
      question={`Delete the inspector “${name}”? Its URL stops working and the requests it recorded are deleted.`}
      run={() => deleteInspectorAction({ binId })}
    />
  );
}

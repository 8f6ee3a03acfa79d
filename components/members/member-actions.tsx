"use client";

import { removeMemberAction, revokeInviteAction } from "@/app/(app)/settings/members/actions";
import { ConfirmButton } from "@/components/ui/confirm-button";

export function RemoveMemberButton({ userId, name }: { userId: string; name: string }) {
  return (
    <ConfirmButton
      label={`Remove ${name}`}
      question={`Remove ${name} from the workspace? Their account is deleted and they are signed out at once.`}
      run={() => removeMemberAction({ userId })}
    />
  );
}

export function RevokeInviteButton({ inviteId }: { inviteId: string }) {
  return (
    <ConfirmButton
      label="Revoke"
      question="Revoke this invite? Its link stops working at once."
      run={() => revokeInviteAction({ inviteId })}
    />
  );
}

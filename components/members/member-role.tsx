"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { changeMemberRoleAction } from "@/app/(app)/settings/members/actions";
import { FormError } from "@/components/ui/form-error";
import type { Role } from "@/lib/db/generated/client";
import { RoleSelect } from "./role-select";

/** The owner's control for a member's role; the change applies at once. */
export function MemberRole({ userId, name, role }: { userId: string; name: string; role: Role }) {
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: changeMemberRoleAction,
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  const result = mutation.data;
  return (
    <div>
      <RoleSelect
        label={`Role of ${name}`}
        labelHidden
        value={mutation.isPending && mutation.variables ? mutation.variables.role : role}
        disabled={mutation.isPending}
        onChange={(next) => mutation.mutate({ userId, role: next })}
        error={result && !result.ok ? (result.fieldErrors?.role ?? result.error) : undefined}
      />
      {result && !result.ok && result.fieldErrors && !result.fieldErrors.role ? (
        <FormError message={result.error} />
      ) : null}
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { deleteCredentialAction } from "@/app/(app)/credentials/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

export function DeleteCredentialButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const remove = useMutation({
    mutationFn: () => deleteCredentialAction({ id }),
    onSuccess: (result) => {
      if (result.ok) {
        router.push("/credentials");
        router.refresh();
      }
    },
  });
  return (
    <div className="space-y-2">
      {remove.data && !remove.data.ok ? <FormError message={remove.data.error} /> : null}
      <Button
        variant="danger"
        disabled={remove.isPending}
        onClick={() => {
          if (
            window.confirm(`Delete the credential "${name}"? Its secrets are erased; this cannot be undone.`)
          )
            remove.mutate();
        }}
      >
        Delete credential
      </Button>
    </div>
  );
}

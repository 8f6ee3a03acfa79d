"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action";

/** A destructive button that asks first, runs a server action, then refreshes or leaves the page. */
export function ConfirmButton({
  label,
  question,
  run,
  redirectTo,
}: {
  label: string;
  question: string;
  run: () => Promise<ActionResult<unknown>>;
  /** Where to go once it is done, e.g. the list after deleting the thing shown. */
  redirectTo?: string;
}) {
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      if (!result.ok) return;
      if (redirectTo) router.push(redirectTo);
      router.refresh();
    },
  });
  const failure = mutation.data && !mutation.data.ok ? mutation.data.error : null;
  return (
    <span className="inline-flex items-center gap-2">
      {failure ? (
        <span role="alert" data-form-error className="text-sm text-red-600">
          {failure}
        </span>
      ) : null}
      <Button
        variant="danger"
        disabled={mutation.isPending}
        onClick={() => {
          if (window.confirm(question)) mutation.mutate();
        }}
      >
        {label}
      </Button>
    </span>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action";

/** A destructive button that asks first, runs a server action and refreshes the page. */
export function ConfirmButton({
  label,
  question,
  run,
}: {
  label: string;
  question: string;
  run: () => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      if (result.ok) router.refresh();
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

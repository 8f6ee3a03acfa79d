"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createSampleDatasetAction } from "@/app/(app)/datasets/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

export function SampleDatasetButton({ variant = "primary" }: { variant?: "primary" | "secondary" }) {
  const router = useRouter();
  const create = useMutation({
    mutationFn: () => createSampleDatasetAction({}),
    onSuccess: (result) => {
      if (result.ok) router.push(`/datasets/${result.data.id}`);
    },
  });
  return (
    <div className="space-y-2">
      {create.data && !create.data.ok ? <FormError message={create.data.error} /> : null}
      <Button variant={variant} disabled={create.isPending} onClick={() => create.mutate()}>
        {create.isPending ? "Creating…" : "Create sample dataset"}
      </Button>
    </div>
  );
}

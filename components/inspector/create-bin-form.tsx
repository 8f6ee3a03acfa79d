"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { createInspectorAction } from "@/app/(app)/inspector/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { type CreateBinValues, createBinSchema } from "@/lib/inspector/schemas";

/** Name → "Create inspector", then straight to the new inspector's page to watch requests arrive. */
export function CreateBinForm() {
  const router = useRouter();
  const form = useForm<CreateBinValues>({
    resolver: zodResolver(createBinSchema),
    defaultValues: { name: "" },
  });
  const mutation = useMutation({
    mutationFn: createInspectorAction,
    onSuccess: (result) => {
      if (result.ok) router.push(`/inspector/${result.data.id}`);
    },
  });
  const failure = mutation.data && !mutation.data.ok ? mutation.data : null;

  useEffect(() => {
    for (const [field, message] of Object.entries(failure?.fieldErrors ?? {})) {
      form.setError(field as keyof CreateBinValues, { message });
    }
  }, [failure, form]);

  const busy = form.formState.isSubmitting || mutation.isPending || mutation.data?.ok === true;

  return (
    <section
      aria-labelledby="create-inspector-heading"
      className="rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="create-inspector-heading" className="font-semibold">
        New inspector
      </h2>
      <form
        className="mt-3"
        noValidate
        onSubmit={form.handleSubmit((values) => mutation.mutateAsync(values))}
      >
        <fieldset disabled={busy} className="flex flex-wrap items-start gap-3">
          <TextField
            label="Name"
            placeholder="e.g. Signup events trial"
            error={form.formState.errors.name?.message}
            className="min-w-64 flex-1"
            {...form.register("name")}
          />
          <Button type="submit" className="mt-6">
            {busy ? "Creating…" : "Create inspector"}
          </Button>
        </fieldset>
        {failure && !failure.fieldErrors ? (
          <div className="mt-3">
            <FormError message={failure.error} />
          </div>
        ) : null}
      </form>
    </section>
  );
}

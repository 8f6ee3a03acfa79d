"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { signInAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { type SignInValues, signInSchema } from "@/lib/auth/schemas";

export function SignInForm({ returnTo }: { returnTo: string }) {
  const router = useRouter();
  const form = useForm<SignInValues>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "" },
  });
  const mutation = useMutation({
    mutationFn: signInAction,
    onSuccess: (result) => {
      if (result.ok) {
        router.replace(returnTo);
        router.refresh();
      }
    },
  });
  const result = mutation.data;
  const failure = result && !result.ok ? result : null;
  const busy = form.formState.isSubmitting || mutation.isPending || result?.ok === true;

  return (
    <form onSubmit={form.handleSubmit((values) => mutation.mutateAsync(values))} noValidate>
      <fieldset disabled={busy} className="space-y-4">
        <FormError
          message={
            failure?.error ??
            (mutation.isError ? "Outflow could not be reached. Check your connection and try again." : null)
          }
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          autoFocus
          error={form.formState.errors.email?.message}
          {...form.register("email")}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          error={form.formState.errors.password?.message}
          {...form.register("password")}
        />
        <Button type="submit" className="w-full">
          {busy ? "Signing in…" : "Sign in"}
        </Button>
      </fieldset>
    </form>
  );
}

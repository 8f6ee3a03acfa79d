"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { signUpAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { type SignUpValues, signUpSchema } from "@/lib/auth/schemas";

type Props =
  | { mode: "first-user"; inviteToken?: undefined; invitedEmail?: undefined }
  | { mode: "invite"; inviteToken: string; invitedEmail: string | null };

export function SignUpForm({ mode, inviteToken, invitedEmail }: Props) {
  const router = useRouter();
  const form = useForm<SignUpValues>({
    resolver: zodResolver(
      mode === "first-user"
        ? signUpSchema.extend({
            workspaceName: signUpSchema.shape.workspaceName.unwrap().min(1, "Name your workspace."),
          })
        : signUpSchema,
    ),
    defaultValues: { name: "", email: invitedEmail ?? "", password: "", workspaceName: "" },
  });
  const mutation = useMutation({
    mutationFn: (values: SignUpValues) =>
      signUpAction({
        ...values,
        workspaceName: mode === "first-user" ? values.workspaceName : undefined,
        inviteToken,
      }),
    onSuccess: (result) => {
      if (result.ok) {
        router.replace("/");
        router.refresh();
      }
    },
  });
  const result = mutation.data;
  const failure = result && !result.ok ? result : null;

  // Errors the server found on a field are shown on that field.
  useEffect(() => {
    for (const [field, message] of Object.entries(failure?.fieldErrors ?? {})) {
      form.setError(field as keyof SignUpValues, { message });
    }
  }, [failure, form]);

  const busy = form.formState.isSubmitting || mutation.isPending || result?.ok === true;
  const { errors } = form.formState;

  return (
    <form onSubmit={form.handleSubmit((values) => mutation.mutateAsync(values))} noValidate>
      <fieldset disabled={busy} className="space-y-4">
        <FormError message={failure && !failure.fieldErrors ? failure.error : null} />
        {mode === "first-user" ? (
          <TextField
            label="Workspace name"
            hint="Usually your team or company."
            autoFocus
            error={errors.workspaceName?.message}
            {...form.register("workspaceName")}
          />
        ) : null}
        <TextField
          label="Your name"
          autoComplete="name"
          error={errors.name?.message}
          {...form.register("name")}
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          error={errors.email?.message}
          {...form.register("email")}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          error={errors.password?.message}
          {...form.register("password")}
        />
        <Button type="submit" className="w-full">
          {busy ? "Creating your account…" : mode === "first-user" ? "Create workspace" : "Join workspace"}
        </Button>
      </fieldset>
    </form>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createInviteAction } from "@/app/(app)/settings/members/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { ShownOnce } from "@/components/ui/shown-once";
import { TextField } from "@/components/ui/text-field";
import type { Role } from "@/lib/db/generated/client";
import { RoleSelect } from "./role-select";

export function InvitePanel() {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const mutation = useMutation({
    mutationFn: createInviteAction,
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  const result = mutation.data;

  return (
    <section aria-labelledby="invite-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="invite-heading" className="font-semibold">
        Invite a member
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Create a one-time link and send it to your teammate. It works once and expires after 7 days.
      </p>
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          mutation.mutate({ email, role });
        }}
      >
        <TextField
          label="Their email (optional)"
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={result && !result.ok ? result.fieldErrors?.email : undefined}
          className="min-w-64 flex-1"
        />
        <RoleSelect
          label="Role"
          value={role}
          onChange={setRole}
          error={result && !result.ok ? result.fieldErrors?.role : undefined}
        />
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Creating…" : "Create invite link"}
        </Button>
      </form>
      {result && !result.ok && !result.fieldErrors ? (
        <div className="mt-3">
          <FormError message={result.error} />
        </div>
      ) : null}
      {result?.ok ? (
        <ShownOnce label="Invite link" value={result.data.url} copyLabel="Copy invite link">
          This link is shown only now. Anyone who has it can join once.
        </ShownOnce>
      ) : null}
    </section>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { createApiTokenAction } from "@/app/(app)/settings/api-tokens/actions";
import { RoleSelect } from "@/components/members/role-select";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { ShownOnce } from "@/components/ui/shown-once";
import { TextField } from "@/components/ui/text-field";
import { ROLES } from "@/lib/auth/permissions";
import type { Role } from "@/lib/db/generated/client";

type TokenRole = "viewer" | "editor" | "admin";

const EXPIRIES = [
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
  { label: "Never", days: null },
] as const;

/** Creates a token with at most the user's own role; the token is shown once, to copy. */
export function NewTokenPanel({ ownRole }: { ownRole: Role }) {
  const router = useRouter();
  const expiryId = useId();
  const [name, setName] = useState("");
  const highest: TokenRole = ownRole === "viewer" ? "viewer" : ownRole === "editor" ? "editor" : "admin";
  const [role, setRole] = useState<TokenRole>(highest === "admin" ? "editor" : highest);
  const [expiresInDays, setExpiresInDays] = useState<number | null>(90);
  const mutation = useMutation({
    mutationFn: createApiTokenAction,
    onSuccess: (result) => {
      if (result.ok) {
        setName("");
        router.refresh();
      }
    },
  });
  const result = mutation.data;
  const errors = result && !result.ok ? result.fieldErrors : undefined;

  return (
    <section aria-labelledby="new-token-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="new-token-heading" className="font-semibold">
        Create a token
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        A token acts as you, with the role you give it (never more than yours). Send it as{" "}
        <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          mutation.mutate({ name, role, expiresInDays });
        }}
      >
        <TextField
          label="Token name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors?.name}
          placeholder="e.g. CI deploy"
          className="min-w-64 flex-1"
        />
        <RoleSelect
          label="Role"
          value={role}
          onChange={(chosen) => setRole(chosen as TokenRole)}
          error={errors?.role}
          options={ROLES.filter((r) => r !== "owner" && ROLES.indexOf(r) <= ROLES.indexOf(ownRole))}
        />
        <div>
          <label htmlFor={expiryId} className="block text-sm font-medium text-slate-700">
            Expires after
          </label>
          <select
            id={expiryId}
            value={expiresInDays ?? "never"}
            onChange={(event) =>
              setExpiresInDays(event.target.value === "never" ? null : Number(event.target.value))
            }
            className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {EXPIRIES.map((expiry) => (
              <option key={expiry.label} value={expiry.days ?? "never"}>
                {expiry.label}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Creating…" : "Create token"}
        </Button>
      </form>
      {result && !result.ok && !result.fieldErrors ? (
        <div className="mt-3">
          <FormError message={result.error} />
        </div>
      ) : null}
      {result?.ok ? (
        <ShownOnce label="New API token" value={result.data.token} copyLabel="Copy API token">
          This token is shown only now: Outflow keeps a hash of it. Store it where your script reads secrets.
        </ShownOnce>
      ) : null}
    </section>
  );
}

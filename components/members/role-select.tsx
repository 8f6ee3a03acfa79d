import { useId } from "react";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import type { Role } from "@/lib/db/generated/client";

export const ROLE_SUMMARIES: Record<Role, string> = {
  viewer: "reads everything but secrets",
  editor: "changes datasets and destinations",
  admin: "also manages credentials, ingest keys and alerts",
  owner: "also manages members and roles",
};

/** A labelled choice of role, each option saying what the role may do. */
export function RoleSelect({
  label,
  value,
  onChange,
  error,
  disabled,
  labelHidden,
  options = ROLES,
}: {
  label: string;
  value: Role;
  onChange: (role: Role) => void;
  error?: string;
  disabled?: boolean;
  /** In a table row the column heading says it; the label stays for screen readers. */
  labelHidden?: boolean;
  /** The roles to offer; all of them by default. */
  options?: readonly Role[];
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className={labelHidden ? "sr-only" : "block text-sm font-medium text-slate-700"}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value as Role)}
        className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs"
      >
        {options.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]} — {ROLE_SUMMARIES[role]}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

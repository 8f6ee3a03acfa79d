import { useId } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { TextField } from "@/components/ui/text-field";
import type { CredentialField } from "@/lib/connectors/types";

/** One connector field: a select for fixed choices, a password input for secrets. */
export function CredentialFieldInput({
  field,
  mask,
  error,
  registration,
}: {
  field: CredentialField;
  /** `••••abcd` when a secret is saved: left blank, the saved value is kept. */
  mask?: string;
  error?: string;
  registration: UseFormRegisterReturn;
}) {
  const id = useId();
  const label = field.optional ? `${field.label} (optional)` : field.label;
  if (field.options) {
    return (
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {label}
        </label>
        <select
          id={id}
          aria-describedby={`${id}-hint`}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          {...registration}
        >
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-500">
          {error ? <span className="text-red-600">{error}</span> : field.help}
        </p>
      </div>
    );
  }
  return (
    <TextField
      label={label}
      type={field.secret ? "password" : "text"}
      autoComplete={field.secret ? "new-password" : "off"}
      placeholder={mask ? `${mask} — leave blank to keep` : field.placeholder}
      hint={field.help}
      error={error}
      {...registration}
    />
  );
}

import { useId } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { TextField } from "@/components/ui/text-field";
import type { CredentialField } from "@/lib/connectors/types";
import { SHORT_SECRET_LENGTH } from "@/lib/http/redact";

/** A secret this short is easy to guess, and masked only where it stands alone in a text. */
export function isWeakSecret(value: string): boolean {
  return value.length > 0 && value.length < SHORT_SECRET_LENGTH;
}

/** One connector field: a select for fixed choices, a password input for secrets. */
export function CredentialFieldInput({
  field,
  mask,
  error,
  weak = false,
  registration,
}: {
  field: CredentialField;
  /** `••••abcd` when a secret is saved: left blank, the saved value is kept. */
  mask?: string;
  error?: string;
  /** The secret typed is short enough to guess. */
  weak?: boolean;
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
      hint={
        weak
          ? `This secret is under ${SHORT_SECRET_LENGTH} characters: it is easy to guess, and Outflow can only mask it where it stands alone. Use a longer one if the API allows.`
          : field.help
      }
      error={error}
      {...registration}
    />
  );
}

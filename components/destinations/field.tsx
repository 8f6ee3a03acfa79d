import { type ReactNode, useId } from "react";

const inputClass = (error?: string) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm outline-none focus:ring-2 focus:ring-brand-500/30 ${
    error ? "border-red-400" : "border-slate-300 focus:border-brand-500"
  }`;

/** A labelled control with its error and hint, for the wizard's controlled inputs. */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: ReactNode;
  children: (props: {
    id: string;
    className: string;
    "aria-invalid"?: boolean;
    "aria-describedby"?: string;
  }) => ReactNode;
}) {
  const id = useId();
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({
        id,
        className: inputClass(error),
        "aria-invalid": error ? true : undefined,
        "aria-describedby": described,
      })}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

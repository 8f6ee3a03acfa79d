import type { ReactNode } from "react";
import { CopyField } from "./copy-field";

/** A secret or link made just now, to copy before it goes: `children` says why it is shown once. */
export function ShownOnce({
  label,
  value,
  copyLabel,
  children,
}: {
  label: string;
  value: string;
  copyLabel: string;
  children: ReactNode;
}) {
  return (
    <div className="mt-4 rounded-md bg-brand-50 p-3">
      <CopyField label={label} value={value} copyLabel={copyLabel} />
      <p className="mt-2 text-xs text-slate-600">{children}</p>
    </div>
  );
}

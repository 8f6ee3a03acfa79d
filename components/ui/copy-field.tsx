"use client";

import { useId } from "react";
import { CopyButton } from "./copy-button";

/** A value to copy (a URL, a key shown once) in a read-only field, with its Copy button. */
export function CopyField({
  label,
  value,
  copyLabel,
  copyText = "Copy",
  hideLabel = false,
}: {
  label: string;
  value: string;
  /** The button's accessible name, e.g. "Copy ingest key". */
  copyLabel: string;
  copyText?: string;
  hideLabel?: boolean;
}) {
  const inputId = useId();
  return (
    <div>
      <label htmlFor={inputId} className={hideLabel ? "sr-only" : "block text-sm font-medium text-slate-700"}>
        {label}
      </label>
      <div className="mt-1 flex items-center gap-2">
        <input
          id={inputId}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full min-w-64 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
        />
        <CopyButton value={value} label={copyLabel} text={copyText} />
      </div>
    </div>
  );
}

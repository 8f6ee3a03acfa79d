"use client";

import { useId } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/** A URL in a read-only field with a "Copy URL" button. */
export function CopyUrl({
  url,
  label,
  hideLabel = false,
}: {
  url: string;
  label: string;
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
          value={url}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full min-w-64 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
        />
        <CopyButton value={url} label="Copy URL" text="Copy URL" />
      </div>
    </div>
  );
}

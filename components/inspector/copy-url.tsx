"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

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
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState("");

  async function copy() {
    setStatus((await copyText(url, input.current)) ? "Copied" : "Select the URL and copy it");
  }

  return (
    <div>
      <label htmlFor={inputId} className={hideLabel ? "sr-only" : "block text-sm font-medium text-slate-700"}>
        {label}
      </label>
      <div className="mt-1 flex items-center gap-2">
        <input
          ref={input}
          id={inputId}
          readOnly
          value={url}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full min-w-64 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
        />
        <Button variant="secondary" onClick={copy} className="shrink-0">
          Copy URL
        </Button>
        <span role="status" className="shrink-0 text-xs text-slate-500">
          {status}
        </span>
      </div>
    </div>
  );
}

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  // The Clipboard API exists only in secure contexts; Outflow is often reached over plain http
  // on a private network, where selecting the field and copying is what still works.
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Denied permission: fall through to the selection.
    }
  }
  input?.select();
  return document.execCommand("copy");
}

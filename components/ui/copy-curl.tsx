"use client";

import type { CurlCommand } from "@/lib/credentials/curl-command";
import { CopyButton } from "./copy-button";

/** "Copy as curl", saying which shell variables the command reads its secrets from. */
export function CopyCurl({ curl }: { curl: CurlCommand }) {
  const names = curl.variables.map((name) => `$${name}`).join(", ");
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
      <CopyButton value={curl.command} label="Copy as curl" text="Copy as curl" />
      {curl.variables.length > 0 ? (
        <span>
          Secrets are read from {names}: set {curl.variables.length === 1 ? "it" : "them"} in your shell
          first.
        </span>
      ) : null}
    </div>
  );
}

"use client";

import { useState } from "react";
import { Button } from "./button";
import { copyText } from "./copy-text";

export function CopyButton({
  value,
  label = "Copy",
  text = "Copy",
}: {
  value: string;
  label?: string;
  text?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <Button
      variant="secondary"
      aria-label={label}
      className="shrink-0"
      onClick={async () => setState((await copyText(value)) ? "copied" : "failed")}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : text}
    </Button>
  );
}

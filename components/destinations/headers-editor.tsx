"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

type Header = { name: string; value: string };

/** Parses `header1:value1,header2:value2`, the form peers accept pasted. */
export function parseHeaderList(text: string): Header[] {
  return text
    .split(/,(?=[^,:]+:)/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(":");
      return colon < 0
        ? { name: part, value: "" }
        : { name: part.slice(0, colon).trim(), value: part.slice(colon + 1).trim() };
    });
}

export function HeadersEditor({
  headers,
  errors,
  onChange,
}: {
  headers: Header[];
  errors: Record<string, string>;
  onChange: (headers: Header[]) => void;
}) {
  const [pasted, setPasted] = useState("");
  const set = (index: number, patch: Partial<Header>) =>
    onChange(headers.map((header, i) => (i === index ? { ...header, ...patch } : header)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Request Headers</legend>
      <p className="text-sm text-slate-500">Authentication comes from the credential; do not type it here.</p>
      {headers.map((header, index) => {
        const nameError = errors[`headers.${index}.name`];
        const valueError = errors[`headers.${index}.value`];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position
          <div key={index} className="flex items-start gap-2">
            <div className="flex-1">
              <input
                aria-label={`Header ${index + 1} name`}
                aria-invalid={nameError ? true : undefined}
                value={header.name}
                onChange={(e) => set(index, { name: e.target.value })}
                placeholder="X-Source"
                className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
              />
              {nameError ? <p className="mt-1 text-sm text-red-600">{nameError}</p> : null}
            </div>
            <div className="flex-1">
              <textarea
                aria-label={`Header ${index + 1} value`}
                aria-invalid={valueError ? true : undefined}
                rows={1}
                value={header.value}
                onChange={(e) => set(index, { value: e.target.value })}
                className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
              />
              {valueError ? <p className="mt-1 text-sm text-red-600">{valueError}</p> : null}
            </div>
            <Button
              variant="ghost"
              aria-label={`Remove header ${index + 1}`}
              onClick={() => onChange(headers.filter((_, i) => i !== index))}
            >
              ✕
            </Button>
          </div>
        );
      })}
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={() => onChange([...headers, { name: "", value: "" }])}>
          Add header
        </Button>
        <input
          aria-label="Paste headers"
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          placeholder="header1:value1,header2:value2"
          className="min-w-64 flex-1 rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
        />
        <Button
          variant="secondary"
          disabled={!pasted.trim()}
          onClick={() => {
            onChange([...headers.filter((h) => h.name || h.value), ...parseHeaderList(pasted)]);
            setPasted("");
          }}
        >
          Add pasted
        </Button>
      </div>
    </fieldset>
  );
}

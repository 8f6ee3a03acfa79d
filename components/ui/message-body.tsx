"use client";

import { useSyncExternalStore } from "react";
import { byteLength, formatBody } from "@/lib/http/format-body";

type View = "formatted" | "exact";

// One choice for every body on every page, kept across visits.
const STORAGE_KEY = "outflow.body-view";
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function storedView(): View {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "exact" ? "exact" : "formatted";
  } catch {
    return "formatted";
  }
}

function chooseView(view: View): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, view);
  } catch {
    // Storage refused (private mode): the choice lasts until the page is left.
  }
  for (const listener of listeners) listener();
}

/**
 * A request or response body, Formatted (indented, CSV as a table; no value changed) or Exact
 * (the bytes on the wire, wrapped), with the byte count.
 */
export function MessageBody({ body, contentType }: { body: string; contentType: string | undefined }) {
  const view = useSyncExternalStore(subscribe, storedView, () => "formatted" as const);
  const formatted = view === "formatted" ? formatBody(body, contentType) : null;
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between gap-2 text-xs">
        <fieldset className="inline-flex overflow-hidden rounded border border-slate-300">
          <legend className="sr-only">Body view</legend>
          {(["formatted", "exact"] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={view === option}
              onClick={() => chooseView(option)}
              className={`px-2 py-0.5 ${view === option ? "bg-slate-700 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {option === "formatted" ? "Formatted" : "Exact"}
            </button>
          ))}
        </fieldset>
        <span className="text-slate-500">{byteLength(body).toLocaleString("en-US")} bytes</span>
      </div>
      <figure aria-label="Body text" className="m-0">
        {formatted?.kind === "table" ? (
          <div className="max-h-96 overflow-auto rounded bg-slate-50">
            <table className="w-full text-left font-mono text-xs" aria-label="Body as a table">
              <thead>
                <tr>
                  {formatted.header.map((name, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns may repeat a name
                    <th key={index} className="border-b border-slate-200 px-2 py-1 font-semibold">
                      {name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {formatted.rows.map((row, rowIndex) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
                  <tr key={rowIndex} className="border-b border-slate-100">
                    {row.map((cell, cellIndex) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells have no identity but their place
                      <td key={cellIndex} className="px-2 py-1 whitespace-pre-wrap">
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <pre
            className={`max-h-96 overflow-auto rounded bg-slate-50 p-3 font-mono text-xs ${view === "exact" ? "whitespace-pre-wrap break-all" : ""}`}
          >
            {formatted?.kind === "text" ? formatted.text : body}
          </pre>
        )}
      </figure>
    </div>
  );
}

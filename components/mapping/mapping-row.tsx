"use client";

import { useId } from "react";
import type { SchemaField } from "@/lib/datasets/schema/infer-schema";
import type { MappingRow as Row, TargetField } from "@/lib/mapping/types";
import { fieldLabel, SOURCE_CHOICE } from "./source-options";
import { TransformList } from "./transform-list";

const TYPE_LABELS: Record<TargetField["type"], string> = {
  string: "text",
  number: "number",
  integer: "whole number",
  boolean: "true/false",
  datetime: "date-time",
  object: "object",
  array: "list",
  "string-map": "object of text",
};

function choiceOf(row: Row | undefined): string {
  if (!row) return SOURCE_CHOICE.NONE;
  if (row.source.kind === "constant") return SOURCE_CHOICE.CONSTANT;
  if (row.source.kind === "expression") return SOURCE_CHOICE.EXPRESSION;
  return row.source.path;
}

/** One target field and what fills it: a source field, a constant or an expression, then transforms. */
export function MappingRow({
  target,
  field,
  row,
  fields,
  error,
  onChange,
  onRemove,
}: {
  target: string;
  /** The declared target, in template mode. */
  field: TargetField | undefined;
  row: Row | undefined;
  fields: readonly SchemaField[];
  error: string | undefined;
  onChange: (row: Row | undefined) => void;
  /** For rows the user added: takes the row away altogether. */
  onRemove?: () => void;
}) {
  const id = useId();
  const described =
    [field ? `${id}-about` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const transforms = row?.transforms ?? [];
  const choose = (choice: string) => {
    if (choice === SOURCE_CHOICE.NONE) onChange(undefined);
    else if (choice === SOURCE_CHOICE.CONSTANT)
      onChange({ target, source: { kind: "constant", value: "" }, transforms });
    else if (choice === SOURCE_CHOICE.EXPRESSION) {
      const start = row?.source.kind === "field" ? row.source.path : "";
      onChange({ target, source: { kind: "expression", expression: start }, transforms });
    } else onChange({ target, source: { kind: "field", path: choice }, transforms });
  };
  const choice = choiceOf(row);
  const knownField = row?.source.kind === "field" && !fields.some((f) => f.path === choice);
  return (
    <li
      className={`space-y-1.5 py-2 ${error ? "rounded bg-red-50/60 px-2" : ""}`}
      aria-label={`Target ${target}`}
    >
      <div className="grid gap-2 sm:grid-cols-[minmax(9rem,14rem)_1fr]">
        <div>
          <label htmlFor={`${id}-source`} className="font-mono text-xs font-medium text-slate-800">
            {target}
          </label>
          <p className="text-xs text-slate-500">
            {field ? TYPE_LABELS[field.type] : "any"}
            {field?.required ? " · required" : ""}
            {row?.suggested ? (
              <span className="ml-1 rounded bg-amber-100 px-1 text-amber-800">suggested</span>
            ) : null}
          </p>
        </div>
        <div className="space-y-1.5">
          <div className="flex gap-2">
            <select
              id={`${id}-source`}
              aria-label={`Source for ${target}`}
              aria-invalid={error ? true : undefined}
              aria-describedby={described}
              value={choice}
              onChange={(e) => choose(e.target.value)}
              className={`block w-full rounded-md border bg-white px-2 py-1.5 text-xs ${error ? "border-red-400" : "border-slate-300"}`}
            >
              <option value={SOURCE_CHOICE.NONE}>Not mapped</option>
              <optgroup label="Dataset fields">
                {fields.map((f) => (
                  <option key={f.path} value={f.path}>
                    {fieldLabel(f)}
                  </option>
                ))}
                {knownField ? <option value={choice}>{choice} (not in the schema)</option> : null}
              </optgroup>
              <option value={SOURCE_CHOICE.CONSTANT}>Constant…</option>
              <option value={SOURCE_CHOICE.EXPRESSION}>Expression (JSONata)…</option>
            </select>
            {onRemove ? (
              <button
                type="button"
                aria-label={`Remove ${target}`}
                onClick={onRemove}
                className="px-1 text-slate-500 hover:text-red-600"
              >
                ×
              </button>
            ) : null}
          </div>
          {row?.source.kind === "constant" ? (
            <input
              aria-label={`Constant for ${target}`}
              value={row.source.value}
              onChange={(e) =>
                onChange({ ...row, suggested: false, source: { kind: "constant", value: e.target.value } })
              }
              className="block w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs"
            />
          ) : null}
          {row?.source.kind === "expression" ? (
            <input
              aria-label={`Expression for ${target}`}
              placeholder='e.g. $lowercase(user.email) or first_name & " " & last_name'
              value={row.source.expression}
              onChange={(e) =>
                onChange({
                  ...row,
                  suggested: false,
                  source: { kind: "expression", expression: e.target.value },
                })
              }
              className="block w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs"
            />
          ) : null}
          {row ? (
            <TransformList
              target={target}
              transforms={transforms}
              onChange={(next) => onChange({ ...row, suggested: false, transforms: next })}
            />
          ) : null}
        </div>
      </div>
      {field ? (
        <p id={`${id}-about`} className="text-xs text-slate-500">
          {field.description}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </li>
  );
}

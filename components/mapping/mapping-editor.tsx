"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { SchemaField } from "@/lib/datasets/schema/infer-schema";
import { targetFor } from "@/lib/mapping/declare-targets";
import { suggestMapping } from "@/lib/mapping/suggest-mapping";
import type { Mapping, MappingRow as Row, TargetField } from "@/lib/mapping/types";
import { MappingRow } from "./mapping-row";

type Props = {
  /** Template mode: the endpoint's declared target fields. Manual mode: undefined, targets are free. */
  targets: TargetField[] | undefined;
  mapping: Mapping;
  fields: readonly SchemaField[];
  errors: Record<string, string>;
  onChange: (mapping: Mapping) => void;
};

/** Map fields: each target field of the endpoint ← a dataset field, a constant or an expression. */
export function MappingEditor({ targets, mapping, fields, errors, onChange }: Props) {
  const [newTarget, setNewTarget] = useState("");
  const rowOf = (target: string) => mapping.rows.find((row) => row.target === target);
  const setRow = (target: string, row: Row | undefined) => {
    const others = mapping.rows.filter((candidate) => candidate.target !== target);
    if (!row) return onChange({ ...mapping, rows: others });
    const index = mapping.rows.findIndex((candidate) => candidate.target === target);
    const rows = index < 0 ? [...mapping.rows, row] : mapping.rows.map((r, i) => (i === index ? row : r));
    onChange({ ...mapping, rows });
  };
  const restTargets = targets ? targets.filter((target) => target.rest) : undefined;
  const declared = targets ?? [];
  // Required targets always show; optional ones once mapped or added.
  const [added, setAdded] = useState<string[]>([]);
  const shown = declared.filter(
    (target) => !target.rest && (target.required || rowOf(target.path) || added.includes(target.path)),
  );
  const extraRows = mapping.rows.filter((row) => !declared.some((target) => target.path === row.target));
  const addable = declared.filter((target) => !target.rest && !shown.includes(target));
  const objectTargets = declared.filter((target) => target.type === "object" || target.type === "string-map");
  const suggestedCount = mapping.rows.filter((row) => row.suggested).length;
  const addTarget = () => {
    const path = newTarget.trim();
    if (!path) return;
    if (!rowOf(path))
      onChange({
        ...mapping,
        rows: [...mapping.rows, { target: path, source: { kind: "field", path: "" }, transforms: [] }],
      });
    setNewTarget("");
  };

  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">Map fields</legend>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-500">
          {targets
            ? "What each field of the request is filled from. Required fields must be mapped."
            : "Build each record's body from these fields instead of sending the record as it is."}
        </p>
        <div className="flex gap-2">
          {suggestedCount > 0 ? (
            <Button
              variant="secondary"
              onClick={() =>
                onChange({ ...mapping, rows: mapping.rows.map(({ suggested: _, ...row }) => row) })
              }
            >
              Accept suggestions
            </Button>
          ) : null}
          {targets ? (
            <Button variant="secondary" onClick={() => onChange(suggestMapping(targets, fields))}>
              Suggest mappings
            </Button>
          ) : null}
        </div>
      </div>
      <ul className="divide-y divide-slate-100">
        {shown.map((target) => (
          <MappingRow
            key={target.path}
            target={target.path}
            field={target}
            row={rowOf(target.path)}
            fields={fields}
            error={errors[`mapping.${target.path}`]}
            onChange={(row) => setRow(target.path, row)}
            onRemove={
              target.required
                ? undefined
                : () => {
                    setAdded(added.filter((path) => path !== target.path));
                    setRow(target.path, undefined);
                  }
            }
          />
        ))}
        {extraRows.map((row) => (
          <MappingRow
            key={row.target}
            target={row.target}
            field={targetFor(declared, row.target)}
            row={row}
            fields={fields}
            error={errors[`mapping.${row.target}`]}
            onChange={(next) => setRow(row.target, next ?? { ...row, source: { kind: "field", path: "" } })}
            onRemove={() => setRow(row.target, undefined)}
          />
        ))}
      </ul>
      <div className="flex flex-wrap items-end gap-2">
        {addable.length > 0 ? (
          <label className="text-xs text-slate-600">
            Map another field
            <select
              value=""
              onChange={(e) => e.target.value && setAdded([...added, e.target.value])}
              className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-xs"
            >
              <option value="">Choose a field…</option>
              {addable.map((target) => (
                <option key={target.path} value={target.path}>
                  {target.path}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {!targets || objectTargets.length > 0 ? (
          <>
            <label className="text-xs text-slate-600">
              {targets ? `Add a key (e.g. ${objectTargets[0]?.path}.plan)` : "Target field"}
              <input
                value={newTarget}
                onChange={(e) => setNewTarget(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    addTarget();
                  }
                }}
                placeholder={targets ? `${objectTargets[0]?.path}.plan` : "customer.email"}
                className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 font-mono text-xs"
              />
            </label>
            <Button variant="secondary" onClick={addTarget} disabled={newTarget.trim() === ""}>
              Add field
            </Button>
          </>
        ) : null}
      </div>
      <RestOfRecord
        restTargets={restTargets}
        mapping={mapping}
        fields={fields}
        error={errors["mapping.rest"]}
        onChange={onChange}
      />
    </fieldset>
  );
}

/** Rest of record: the fields no row reads, sent into an object target (Exclude Attributes applied). */
function RestOfRecord({
  restTargets,
  mapping,
  fields,
  error,
  onChange,
}: {
  restTargets: TargetField[] | undefined;
  mapping: Mapping;
  fields: readonly SchemaField[];
  error: string | undefined;
  onChange: (mapping: Mapping) => void;
}) {
  if (restTargets && restTargets.length === 0) return null;
  const first = restTargets?.[0]?.path ?? "properties";
  const objects = fields.filter((field) => field.types.includes("object") && !field.path.includes("[]"));
  return (
    <div className="space-y-2 border-t border-slate-100 pt-2">
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={mapping.rest !== null}
          onChange={(e) => onChange({ ...mapping, rest: e.target.checked ? { target: first } : null })}
        />
        Rest of record: send the fields no row reads
      </label>
      {mapping.rest ? (
        <div className="flex flex-wrap gap-3 pl-6 text-xs text-slate-600">
          <span>
            into
            {restTargets ? (
              <select
                aria-label="Rest of record target"
                value={mapping.rest.target}
                onChange={(e) => onChange({ ...mapping, rest: { ...mapping.rest, target: e.target.value } })}
                className="ml-1 rounded border border-slate-300 bg-white px-1 py-0.5 font-mono"
              >
                {restTargets.map((target) => (
                  <option key={target.path}>{target.path}</option>
                ))}
              </select>
            ) : (
              <input
                aria-label="Rest of record target"
                value={mapping.rest.target}
                onChange={(e) => onChange({ ...mapping, rest: { ...mapping.rest, target: e.target.value } })}
                className="ml-1 rounded border border-slate-300 px-1 py-0.5 font-mono"
              />
            )}
          </span>
          <span>
            from
            <select
              aria-label="Rest of record from"
              value={mapping.rest.from ?? ""}
              onChange={(e) =>
                onChange({
                  ...mapping,
                  rest: {
                    target: mapping.rest?.target ?? first,
                    ...(e.target.value ? { from: e.target.value } : {}),
                  },
                })
              }
              className="ml-1 rounded border border-slate-300 bg-white px-1 py-0.5 font-mono"
            >
              <option value="">the whole record</option>
              {objects.map((field) => (
                <option key={field.path} value={field.path}>
                  {field.path}
                </option>
              ))}
            </select>
          </span>
          {error ? <p className="w-full text-sm text-red-600">{error}</p> : null}
        </div>
      ) : null}
    </div>
  );
}

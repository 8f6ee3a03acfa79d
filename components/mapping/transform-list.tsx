"use client";

import { TRANSFORM_LABELS } from "@/lib/mapping/transforms";
import { TRANSFORM_KINDS, type Transform, type TransformKind } from "@/lib/mapping/types";

function newTransform(kind: TransformKind): Transform {
  switch (kind) {
    case "default":
      return { kind, value: "" };
    case "split":
    case "join":
      return { kind, separator: "," };
    default:
      return { kind } as Transform;
  }
}

/** The transforms of one mapping row: applied in order, each removable, some with a value. */
export function TransformList({
  target,
  transforms,
  onChange,
}: {
  target: string;
  transforms: Transform[];
  onChange: (transforms: Transform[]) => void;
}) {
  const set = (index: number, transform: Transform) =>
    onChange(transforms.map((current, i) => (i === index ? transform : current)));
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      {transforms.map((transform, index) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: a transform is identified by its place in the list
          key={index}
          className="inline-flex items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700"
        >
          {TRANSFORM_LABELS[transform.kind]}
          {transform.kind === "default" ? (
            <input
              aria-label={`Default for ${target}`}
              value={transform.value}
              onChange={(e) => set(index, { ...transform, value: e.target.value })}
              className="w-20 rounded border border-slate-300 px-1 font-mono"
            />
          ) : null}
          {transform.kind === "split" || transform.kind === "join" ? (
            <input
              aria-label={`Separator for ${target}`}
              value={transform.separator}
              onChange={(e) => set(index, { ...transform, separator: e.target.value })}
              className="w-8 rounded border border-slate-300 px-1 font-mono"
            />
          ) : null}
          <button
            type="button"
            aria-label={`Remove ${TRANSFORM_LABELS[transform.kind]} from ${target}`}
            onClick={() => onChange(transforms.filter((_, i) => i !== index))}
            className="text-slate-500 hover:text-red-600"
          >
            ×
          </button>
        </span>
      ))}
      <select
        aria-label={`Add a transform to ${target}`}
        value=""
        onChange={(e) => {
          if (e.target.value) onChange([...transforms, newTransform(e.target.value as TransformKind)]);
        }}
        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs text-slate-600"
      >
        <option value="">+ Transform</option>
        {TRANSFORM_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {TRANSFORM_LABELS[kind]}
          </option>
        ))}
      </select>
    </div>
  );
}

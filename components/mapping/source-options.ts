import type { SchemaField } from "@/lib/datasets/schema/infer-schema";

const CONSTANT = "__constant__";
const EXPRESSION = "__expression__";
const NONE = "";

export const SOURCE_CHOICE = { CONSTANT, EXPRESSION, NONE } as const;

function exampleText(example: unknown): string {
  if (example === undefined) return "";
  const text = typeof example === "string" ? example : JSON.stringify(example);
  return ` · e.g. ${text.length > 24 ? `${text.slice(0, 23)}…` : text}`;
}

/** A source field as the pulldown shows it: path, types seen, presence, an example. */
export function fieldLabel(field: SchemaField): string {
  return `${field.path} — ${field.types.join("/")} · ${Math.round(field.presence * 100)}%${exampleText(field.example)}`;
}

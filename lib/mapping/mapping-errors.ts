/**
 * Field errors for the mapping editor, keyed `mapping.<target>` (and `mapping.rest`): what must
 * change before any record can be mapped. Per-record problems are pre-flight's, not these.
 */
import type { FieldErrors } from "@/lib/payload/types";
import { isKnownTarget } from "./declare-targets";
import { compileExpression, ExpressionError } from "./expression";
import { listOf } from "./list-of";
import type { Mapping, TargetField } from "./types";

export function mappingErrors(mapping: Mapping, targets: readonly TargetField[] | undefined): FieldErrors {
  const errors: FieldErrors = {};
  const mapped = new Set(mapping.rows.map((row) => row.target));
  const declared = targets ? new Map(targets.map((target) => [target.path, target])) : undefined;
  const seen = new Set<string>();
  for (const row of mapping.rows) {
    const key = `mapping.${row.target}`;
    if (seen.has(row.target)) errors[key] ??= `${row.target} is mapped twice: keep one row.`;
    seen.add(row.target);
    if (targets && !isKnownTarget(targets, row.target)) {
      errors[key] ??= `This endpoint has no field ${row.target}.`;
      continue;
    }
    if (row.source.kind === "field" && row.source.path.trim() === "")
      errors[key] ??= "Choose a source field.";
    if (row.source.kind === "expression") {
      try {
        compileExpression(row.source.expression);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        errors[key] ??= `The expression does not parse: ${error.message}`;
      }
    }
  }
  if (mapping.rest && declared) {
    const target = declared.get(mapping.rest.target);
    if (!target?.rest) errors["mapping.rest"] = "Choose a field that takes the rest of the record.";
  }
  if (!targets) return errors;
  const restTarget = mapping.rest?.target;
  for (const target of targets) {
    if (!target.required || mapped.has(target.path) || target.path === restTarget) continue;
    errors[`mapping.${target.path}`] ??= `Map a field to ${target.path}: ${lowerFirst(target.description)}`;
  }
  for (const names of groupsOf(targets, "group").values()) {
    const both = names.filter((name) => mapped.has(name));
    if (both.length > 1) {
      for (const name of both) errors[`mapping.${name}`] ??= `Map only one of ${listOf(names, "or")}.`;
    }
  }
  for (const names of groupsOf(targets, "anyOf").values()) {
    if (names.some((name) => mapped.has(name))) continue;
    errors[`mapping.${names[0]}`] ??= `Map ${listOf(names, "or")}: the API needs at least one.`;
  }
  return errors;
}

function groupsOf(targets: readonly TargetField[], key: "group" | "anyOf"): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const target of targets) {
    const name = target[key];
    if (name) groups.set(name, [...(groups.get(name) ?? []), target.path]);
  }
  return groups;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

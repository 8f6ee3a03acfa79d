import { type TargetField, targetFieldsSchema } from "./types";

/** A template's target fields, checked once when the module loads: a bad declaration fails every test. */
export function declareTargets(fields: TargetField[]): TargetField[] {
  return targetFieldsSchema.parse(fields);
}

function parentOf(targets: readonly TargetField[], path: string): TargetField | undefined {
  return targets.find(
    (target) =>
      (target.type === "object" || target.type === "string-map") && path.startsWith(`${target.path}.`),
  );
}

/**
 * The type a row's path must have: its declared target, or for a key inside a string map
 * (`properties.plan` in HubSpot's `properties`) text. A key inside a plain object holds any JSON.
 */
export function targetFor(targets: readonly TargetField[], path: string): TargetField | undefined {
  const exact = targets.find((target) => target.path === path);
  if (exact) return exact;
  const parent = parentOf(targets, path);
  if (parent?.type !== "string-map") return undefined;
  return { path, type: "string", required: false, description: parent.description };
}

/** True when a row may write to this path: a declared target or a key inside a declared object. */
export function isKnownTarget(targets: readonly TargetField[], path: string): boolean {
  return targets.some((target) => target.path === path) || parentOf(targets, path) !== undefined;
}

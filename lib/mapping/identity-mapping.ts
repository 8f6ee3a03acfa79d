import type { Mapping, TargetField } from "./types";

/**
 * The mapping a template config without one uses: each target from the record field of the same
 * path, and the rest of the record into the rest target, as Outflow sent records before mappings.
 */
export function identityMapping(targets: readonly TargetField[]): Mapping {
  const rest = targets.find((target) => target.rest);
  return {
    rows: targets
      .filter((target) => target !== rest && !(rest && target.path.startsWith(`${rest.path}.`)))
      .map((target) => ({
        target: target.path,
        source: { kind: "field", path: target.path },
        transforms: [],
      })),
    rest: rest ? { target: rest.path } : null,
  };
}

/**
 * Suggested mappings: for each target field, the dataset field that most likely holds it, by name
 * (exact, then case- and separator-insensitive, then known synonyms) and by type. Suggestions are
 * marked as such; the user accepts, edits or clears them.
 */
import type { JsonType, SchemaField } from "@/lib/datasets/schema/infer-schema";
import type { Mapping, MappingRow, TargetField, TargetType } from "./types";

/** Names that mean the same across the APIs Outflow sends to, by normalised target name. */
const SYNONYMS: Record<string, string[]> = {
  email: ["email", "emailaddress", "mail", "useremail", "datasubjectemail"],
  datasubjectemail: ["email", "emailaddress", "useremail"],
  name: ["eventtype", "event", "eventname", "type", "action"],
  eventname: ["eventtype", "event", "name", "type", "action"],
  uid: ["userid", "externalid", "uid", "user"],
  id: ["userid", "id"],
  timestamp: ["timestamp", "occurredat", "createdat", "time", "eventtime", "utctime", "sentat"],
  occurredat: ["timestamp", "occurredat", "createdat", "time", "eventtime", "utctime", "sentat"],
  displayname: ["name", "fullname", "username"],
};

/** The JSON types a target's values may be converted from. */
const COMPATIBLE: Record<TargetType, JsonType[]> = {
  string: ["string", "number", "integer", "boolean"],
  number: ["number", "integer", "string"],
  integer: ["integer", "string"],
  boolean: ["boolean", "string"],
  datetime: ["string", "integer", "number"],
  object: ["object"],
  array: ["array"],
  "string-map": ["object"],
};

/** Lower case without separators: `Event_Type`, `event-type` and `eventType` all read `eventtype`. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function lastSegment(path: string): string {
  const parts = path.split(/(?<!\\)\./);
  return (parts[parts.length - 1] ?? path).replace(/\\/g, "");
}

/** How well a dataset field fits a target, 0 when it does not; higher is better. */
export function matchScore(target: TargetField, field: SchemaField): number {
  if (field.path.includes("[]")) return 0;
  const compatible = field.types.some((type) => COMPATIBLE[target.type].includes(type));
  if (!compatible) return 0;
  const targetName = normaliseName(target.path);
  const targetLeaf = normaliseName(lastSegment(target.path));
  const fieldName = normaliseName(field.path);
  const fieldLeaf = normaliseName(lastSegment(field.path));
  const synonyms = [...(SYNONYMS[targetLeaf] ?? []), ...(target.synonyms ?? []).map(normaliseName)];
  let score = 0;
  if (field.path === target.path) score = 100;
  else if (fieldName === targetName) score = 90;
  else if (fieldLeaf === targetLeaf && fieldName.length - fieldLeaf.length <= 12) score = 80;
  else if (synonyms.includes(fieldName)) score = 70;
  else if (synonyms.includes(fieldLeaf)) score = 60;
  if (score === 0) return 0;
  // Among equal names, the field most records have.
  return score + field.presence * 5;
}

/** Fields ranked for one target, best first. */
export function rankFields(target: TargetField, fields: readonly SchemaField[]): SchemaField[] {
  return fields
    .map((field) => ({ field, score: matchScore(target, field) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || a.field.path.localeCompare(b.field.path))
    .map(({ field }) => field);
}

export function suggestMapping(targets: readonly TargetField[], fields: readonly SchemaField[]): Mapping {
  const rows: MappingRow[] = [];
  const groups = new Map<string, number>();
  const restTarget = targets.find((target) => target.rest);
  for (const target of targets) {
    // The rest target takes the unmapped fields (and a field of its own name) as a whole.
    if (target === restTarget) continue;
    if (restTarget && target.path.startsWith(`${restTarget.path}.`)) continue;
    const best = rankFields(target, fields)[0];
    if (!best) continue;
    const score = matchScore(target, best);
    if (target.group) {
      const taken = groups.get(target.group);
      if (taken !== undefined && taken >= score) continue;
      if (taken !== undefined) {
        const index = rows.findIndex(
          (row) => targets.find((t) => t.path === row.target)?.group === target.group,
        );
        if (index >= 0) rows.splice(index, 1);
      }
      groups.set(target.group, score);
    }
    rows.push({
      target: target.path,
      source: { kind: "field", path: best.path },
      transforms: [],
      suggested: true,
    });
  }
  return {
    rows,
    rest: restTarget && restTarget.suggestRest !== false ? suggestRest(restTarget, fields) : null,
  };
}

/** The rest into its target, from the first of its usual object fields the dataset has (`user`). */
function suggestRest(target: TargetField, fields: readonly SchemaField[]): NonNullable<Mapping["rest"]> {
  const from = target.restFrom?.find((path) =>
    fields.some((field) => field.path === path && field.types.includes("object")),
  );
  return from ? { target: target.path, from } : { target: target.path };
}

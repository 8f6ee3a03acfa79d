/**
 * Field mapping (DESIGN.md, "The path of data"): each target field of an endpoint ← a source field
 * of the record, a constant or a JSONata expression, then transforms from a fixed list. The schemas
 * here are the single source for what a saved mapping and a template's target fields may hold.
 */
import { z } from "zod";

export const TARGET_TYPES = [
  "string",
  "number",
  "integer",
  "boolean",
  "datetime",
  "object",
  "array",
  "string-map",
] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** A dotted path of plain keys inside one request item: `name`, `user.uid`, `properties.email`. */
const TARGET_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export const targetFieldSchema = z.object({
  path: z.string().regex(TARGET_PATH),
  type: z.enum(TARGET_TYPES),
  required: z.boolean(),
  /** One line, in the API's own words. */
  description: z.string().min(1),
  /** An object target that "the rest of the record" may go into (FullStory and HubSpot `properties`). */
  rest: z.boolean().optional(),
  /** For a rest target: whether suggestions send the rest there (default yes). */
  suggestRest: z.boolean().optional(),
  /** For a rest target: object fields whose keys are the rest when the dataset has one (`user`). */
  restFrom: z.array(z.string()).optional(),
  maxLength: z.number().int().positive().optional(),
  /** Targets of one group are alternatives: at most one is mapped (FullStory: user.uid or user.id). */
  group: z.string().optional(),
  /** Of the targets sharing this name at least one must be mapped (Hotjar: an email or a site-to-user map). */
  anyOf: z.string().optional(),
  /** Source field names, besides the target's own, that suggestions match. */
  synonyms: z.array(z.string()).optional(),
});
export type TargetField = z.infer<typeof targetFieldSchema>;

export const targetFieldsSchema = z
  .array(targetFieldSchema)
  .refine(
    (fields) => new Set(fields.map((field) => field.path)).size === fields.length,
    "Target paths repeat.",
  );

/** The daily transforms, applied in order after the source value is read. */
export const TRANSFORM_KINDS = [
  "trim",
  "lowercase",
  "uppercase",
  "to-number",
  "to-string",
  "to-boolean",
  "to-timestamp",
  "default",
  "split",
  "join",
  "omit-empty",
] as const;
export type TransformKind = (typeof TRANSFORM_KINDS)[number];

export const transformSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("trim") }),
  z.object({ kind: z.literal("lowercase") }),
  z.object({ kind: z.literal("uppercase") }),
  z.object({ kind: z.literal("to-number") }),
  z.object({ kind: z.literal("to-string") }),
  z.object({ kind: z.literal("to-boolean") }),
  z.object({ kind: z.literal("to-timestamp") }),
  z.object({ kind: z.literal("default"), value: z.string().max(1000) }),
  z.object({ kind: z.literal("split"), separator: z.string().max(20) }),
  z.object({ kind: z.literal("join"), separator: z.string().max(20) }),
  z.object({ kind: z.literal("omit-empty") }),
]);
export type Transform = z.infer<typeof transformSchema>;

export const mappingSourceSchema = z.discriminatedUnion("kind", [
  /** A field path in the dataset schema's syntax (`user.email`, `a\.b`). */
  z.object({ kind: z.literal("field"), path: z.string().max(500) }),
  /** Text; JSON text for object and array targets. Converted to the target's type like any value. */
  z.object({ kind: z.literal("constant"), value: z.string().max(10_000) }),
  /** JSONata, evaluated against the record (after Exclude Attributes). */
  z.object({ kind: z.literal("expression"), expression: z.string().max(5000) }),
]);
export type MappingSource = z.infer<typeof mappingSourceSchema>;

export const mappingRowSchema = z.object({
  target: z.string().trim().min(1).max(500),
  source: mappingSourceSchema,
  transforms: z.array(transformSchema).max(10),
  /** Proposed from the schema and not yet accepted or edited by the user. */
  suggested: z.boolean().optional(),
});
export type MappingRow = z.infer<typeof mappingRowSchema>;

export const mappingSchema = z.object({
  rows: z.array(mappingRowSchema).max(200),
  /** Rest of record: the fields no row reads go into this object target. */
  rest: z
    .object({
      target: z.string().max(500),
      /** An object field whose keys are the rest instead of the record's (HubSpot: `user`). */
      from: z.string().max(500).optional(),
    })
    .nullable(),
});
export type Mapping = z.infer<typeof mappingSchema>;

/** Why one record's mapped item cannot be sent, on the target field at fault. */
export type MappingProblemKind = "missing" | "type" | "expression" | "transform";
export type MappingProblem = { kind: MappingProblemKind; target: string; message: string };

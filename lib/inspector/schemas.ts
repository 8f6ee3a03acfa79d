import { z } from "zod";
import { isSingleLine, SINGLE_LINE_MESSAGE } from "@/lib/actions/text-input";

export const createBinSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the inspector a name.")
    .max(100, "Use at most 100 characters.")
    .refine(isSingleLine, SINGLE_LINE_MESSAGE),
});

export type CreateBinValues = z.infer<typeof createBinSchema>;

export const binIdSchema = z.string().regex(/^[\w-]{1,64}$/, "Not an inspector id.");

/** A request id in a URL: Postgres bigints, kept as digit strings because JSON has no bigint. */
const requestIdSchema = z
  .string()
  .regex(/^\d{1,19}$/, "Expected a request id.")
  .transform((value) => BigInt(value));

/** `?after=<id>` for what arrived since, `?before=<id>` for older pages. */
export const listRequestsQuerySchema = z.object({
  after: requestIdSchema.optional(),
  before: requestIdSchema.optional(),
});

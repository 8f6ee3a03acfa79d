import { z } from "zod";
import { isSingleLine, SINGLE_LINE_MESSAGE } from "@/lib/actions/text-input";

/** A required value, with the surrounding spaces that copy-paste brings removed. */
export const requiredText = (label: string) =>
  z.string().trim().min(1, `Enter the ${label}.`).refine(isSingleLine, SINGLE_LINE_MESSAGE);

export const optionalText = z
  .string()
  .trim()
  .refine(isSingleLine, SINGLE_LINE_MESSAGE)
  .optional()
  .transform((value) => value || undefined);

export const numericId = (label: string) =>
  z.string().trim().regex(/^\d+$/, `The ${label} is a number, e.g. 1234567.`);

export const optionalNumericId = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.string().regex(/^\d+$/, `The ${label} is a number, e.g. 1234567.`).optional());

import { z } from "zod";
import { isSingleLine, SINGLE_LINE_MESSAGE } from "@/lib/actions/text-input";

export const datasetNameSchema = z
  .string()
  .trim()
  .min(1, "Name the dataset, e.g. Signups.")
  .max(100, "Use at most 100 characters.")
  .refine(isSingleLine, SINGLE_LINE_MESSAGE);

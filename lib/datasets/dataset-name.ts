import { z } from "zod";

export const datasetNameSchema = z
  .string()
  .trim()
  .min(1, "Name the dataset, e.g. Signups.")
  .max(100, "Use at most 100 characters.");

import { z } from "zod";
import { isSingleLine, SINGLE_LINE_MESSAGE } from "@/lib/actions/text-input";

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined)
  .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL." }).optional());

const optionalPositiveInt = z
  .union([z.literal(""), z.coerce.number().int("Use a whole number.").positive("Use a number above 0.")])
  .optional()
  .transform((value) => (value === "" ? undefined : value));

/** What the credential form submits. Blank secret fields mean "keep the saved value". */
export const credentialInputSchema = z.object({
  id: z.uuid().optional(),
  connectorId: z.string().min(1),
  name: z
    .string()
    .trim()
    .min(1, "Name this credential, e.g. Hotjar production.")
    .max(100, "Use at most 100 characters.")
    .refine(isSingleLine, SINGLE_LINE_MESSAGE),
  values: z.record(z.string(), z.string().max(10_000, "This value is too long.")),
  baseUrl: optionalUrl,
  tokenUrl: optionalUrl,
  keyCreatedAt: z
    .string()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.iso.date("Enter a date, e.g. 2026-11-23.").optional()),
  rateLimitRequests: optionalPositiveInt,
  rateLimitWindowSeconds: optionalPositiveInt,
});

export type CredentialInput = z.input<typeof credentialInputSchema>;
export type ParsedCredentialInput = z.output<typeof credentialInputSchema>;

import { z } from "zod";
import { isSingleLine, SINGLE_LINE_MESSAGE } from "@/lib/actions/text-input";
import { urlTextProblem } from "@/lib/http/url-rules";

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined)
  .superRefine((value, ctx) => {
    const problem = value === undefined ? null : urlTextProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem, abort: true });
  })
  .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL." }).optional());

const ALLOWED_DOMAIN_HELP =
  "use a host name (api.example.com), a wildcard (*.example.com) or an origin (https://api.example.com:8443), separated by commas.";

/** One Allowed domains entry, lower-cased, or null when it is neither a host name nor an origin. */
function normaliseAllowedDomain(entry: string): string | null {
  const lower = entry.toLowerCase();
  if (lower.includes("://")) {
    if (urlTextProblem(lower)) return null;
    try {
      const url = new URL(lower);
      if (url.protocol !== "http:" && url.protocol !== "https:") return null;
      if (url.pathname !== "/" || url.search || url.hash || lower.replace(/\/+$/, "") !== url.origin)
        return null;
      return url.origin;
    } catch {
      return null;
    }
  }
  const host = lower.startsWith("*.") ? lower.slice(2) : lower;
  try {
    if (!/^[a-z0-9.[\]:-]+$/.test(host) || new URL(`https://${host}`).hostname !== host) return null;
  } catch {
    return null;
  }
  return lower;
}

/** Allowed domains as typed (comma- or space-separated), each entry checked and normalised. */
const allowedDomains = z
  .string()
  .max(2000, "This list is too long.")
  .optional()
  .transform((value, ctx) => {
    const entries: string[] = [];
    for (const entry of (value ?? "").split(/[\s,]+/).filter(Boolean)) {
      const normalised = normaliseAllowedDomain(entry);
      if (!normalised) {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not a domain: ${ALLOWED_DOMAIN_HELP}` });
        return z.NEVER;
      }
      if (!entries.includes(normalised)) entries.push(normalised);
    }
    return entries;
  });

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
  allowedDomains,
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

import { z } from "zod";

export const alertWebhookSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, "Enter the webhook URL.")
    .max(2000, "This URL is too long.")
    .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL." })),
});

export type AlertWebhookValues = z.input<typeof alertWebhookSchema>;

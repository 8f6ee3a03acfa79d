import { z } from "zod";
import { urlTextProblem } from "@/lib/http/url-rules";

export const alertWebhookSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, "Enter the webhook URL.")
    .max(2000, "This URL is too long.")
    .superRefine((value, ctx) => {
      const problem = urlTextProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem, abort: true });
    })
    .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL." })),
});

export type AlertWebhookValues = z.input<typeof alertWebhookSchema>;

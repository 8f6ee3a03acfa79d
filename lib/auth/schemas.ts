import { z } from "zod";
import { isSingleLine, SINGLE_LINE_MESSAGE } from "@/lib/actions/text-input";
import { MIN_PASSWORD_LENGTH } from "./password-policy";

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter your email address, e.g. ada@example.com."));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password."),
});

export const signUpSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter your name.")
    .max(100, "Use at most 100 characters.")
    .refine(isSingleLine, SINGLE_LINE_MESSAGE),
  email: emailSchema,
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(128, "Use at most 128 characters."),
  workspaceName: z
    .string()
    .trim()
    .max(100, "Use at most 100 characters.")
    .refine(isSingleLine, SINGLE_LINE_MESSAGE)
    .optional(),
});

export type SignInValues = z.infer<typeof signInSchema>;
export type SignUpValues = z.infer<typeof signUpSchema>;

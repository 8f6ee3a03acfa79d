"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { publicAction } from "@/lib/actions/action";
import { signInSchema, signUpSchema } from "@/lib/auth/schemas";
import { signIn } from "@/lib/auth/sign-in";
import { signUp } from "@/lib/auth/sign-up";

export const signInAction = publicAction(signInSchema, async (input) => {
  await signIn(input, await headers());
});

export const signUpAction = publicAction(
  signUpSchema.extend({ inviteToken: z.string().optional() }),
  async (input) => {
    await signUp(input, await headers());
  },
);

"use server";

import { headers } from "next/headers";
import { signOut } from "@/lib/auth/sign-in";

export async function signOutAction(): Promise<void> {
  await signOut(await headers());
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { getWorkspaceSession } from "@/lib/auth/session";
import { signUpMode } from "@/lib/auth/sign-up";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const returnTo = safeReturnPath((await searchParams).next);
  if (await getWorkspaceSession()) redirect(returnTo);
  const mode = await signUpMode(undefined);

  return (
    <>
      <h1 className="text-lg font-semibold">Sign in to Outflow</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Send your datasets to the APIs your team relies on.</p>
      <SignInForm returnTo={returnTo} />
      <p className="mt-6 text-center text-sm text-slate-600">
        {mode.kind === "first-user" ? (
          <>
            New here?{" "}
            <Link href="/sign-up" className="font-medium text-brand-600 hover:underline">
              Create the workspace
            </Link>
          </>
        ) : (
          "No account? Ask your workspace owner for an invite link."
        )}
      </p>
    </>
  );
}

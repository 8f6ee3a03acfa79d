import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { INVITE_UNUSABLE, SIGN_UP_CLOSED, signUpMode } from "@/lib/auth/sign-up";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const inviteToken = (await searchParams).invite;
  const mode = await signUpMode(inviteToken);

  if (mode.kind === "closed" || mode.kind === "invalid-invite") {
    return (
      <>
        <h1 className="text-lg font-semibold">
          {mode.kind === "closed" ? "Sign-up is closed" : "This invite cannot be used"}
        </h1>
        <p role="alert" data-form-error className="mt-2 text-sm text-slate-600">
          {mode.kind === "closed" ? SIGN_UP_CLOSED : INVITE_UNUSABLE}
        </p>
        <p className="mt-6 text-sm">
          <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
            Sign in
          </Link>{" "}
          if you already have an account.
        </p>
      </>
    );
  }

  return (
    <>
      {mode.kind === "first-user" ? (
        <>
          <h1 className="text-lg font-semibold">Set up Outflow</h1>
          <p className="mb-6 mt-1 text-sm text-slate-600">
            You are the first here: you will own the workspace and can invite your team.
          </p>
          <SignUpForm mode="first-user" />
        </>
      ) : (
        <>
          <h1 className="text-lg font-semibold">Join {mode.workspaceName}</h1>
          <p className="mb-6 mt-1 text-sm text-slate-600">Create your account to join the workspace.</p>
          <SignUpForm mode="invite" inviteToken={inviteToken as string} invitedEmail={mode.email} />
        </>
      )}
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </>
  );
}

import { isAPIError } from "better-auth/api";
import { UserError } from "@/lib/actions/user-error";
import { getAuth } from "./auth";
import { clientAddress } from "./client-address";
import { recordFailedSignIn, recordSuccessfulSignIn, type SignInWait, signInWait } from "./sign-in-throttle";

export const WRONG_CREDENTIALS = "The email or password is incorrect.";

/** Signs in with email and password; the session cookie is set on the response. */
export async function signIn(
  input: { email: string; password: string },
  requestHeaders: Headers,
): Promise<void> {
  const address = clientAddress(requestHeaders);
  const wait = await signInWait(input.email, address);
  if (wait) throw new UserError(describeWait(wait));
  try {
    await getAuth().api.signInEmail({
      body: { email: input.email, password: input.password },
      headers: withClientAddress(requestHeaders, address),
    });
  } catch (error) {
    if (isAPIError(error) && error.statusCode === 401) {
      await recordFailedSignIn(input.email, address);
      throw new UserError(WRONG_CREDENTIALS, "password");
    }
    throw error;
  }
  await recordSuccessfulSignIn(input.email, address);
}

export async function signOut(requestHeaders: Headers): Promise<void> {
  await getAuth().api.signOut({ headers: requestHeaders });
}

const WAIT_REASONS: Record<SignInWait["reason"], string> = {
  "account-and-address": "Too many failed sign-in attempts for this account from your address.",
  address: "Too many failed sign-in attempts from your address.",
  account: "Too many failed sign-in attempts for this account.",
};

function describeWait({ seconds, reason }: SignInWait): string {
  const time =
    seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
  return `${WAIT_REASONS[reason]} Try again in ${time}.`;
}

/** better-auth records the session's address from X-Forwarded-For: give it the one Outflow believes. */
function withClientAddress(requestHeaders: Headers, address: string): Headers {
  const headers = new Headers(requestHeaders);
  headers.set("x-forwarded-for", address);
  return headers;
}

import { isAPIError } from "better-auth/api";
import { UserError } from "@/lib/actions/user-error";
import { getAuth } from "./auth";
import { clientAddress } from "./client-address";
import { clearFailedSignIns, recordFailedSignIn, secondsUntilSignInAllowed } from "./sign-in-throttle";

export const WRONG_CREDENTIALS = "The email or password is incorrect.";

/** Signs in with email and password; the session cookie is set on the response. */
export async function signIn(
  input: { email: string; password: string },
  requestHeaders: Headers,
): Promise<void> {
  const address = clientAddress(requestHeaders);
  const wait = await secondsUntilSignInAllowed(input.email, address);
  if (wait > 0) {
    throw new UserError(`Too many failed sign-in attempts. Try again in ${describeWait(wait)}.`);
  }
  try {
    await getAuth().api.signInEmail({
      body: { email: input.email, password: input.password },
      headers: requestHeaders,
    });
  } catch (error) {
    if (isAPIError(error) && error.statusCode === 401) {
      await recordFailedSignIn(input.email, address);
      throw new UserError(WRONG_CREDENTIALS, "password");
    }
    throw error;
  }
  await clearFailedSignIns(input.email, address);
}

export async function signOut(requestHeaders: Headers): Promise<void> {
  await getAuth().api.signOut({ headers: requestHeaders });
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

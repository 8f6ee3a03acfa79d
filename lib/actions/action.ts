import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getWorkspaceSession, type WorkspaceSession } from "@/lib/auth/session";
import { NUL_MESSAGE, pathsWithNul } from "./text-input";
import { UserError } from "./user-error";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

const SIGNED_OUT = "Your session has ended. Sign in again to continue.";
const UNEXPECTED =
  "Something went wrong on Outflow's side. Try again; if it keeps failing, check the server log.";

/**
 * The one policy for server actions: input parsed with zod (field errors returned), expected
 * failures (UserError) returned with their message, anything else logged and reported generically.
 */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    const withNul = pathsWithNul(input);
    if (withNul.length > 0) {
      return {
        ok: false,
        error: "Some fields need attention.",
        fieldErrors: Object.fromEntries(withNul.map((path) => [path, NUL_MESSAGE])),
      };
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".")] ??= issue.message;
      return { ok: false, error: "Some fields need attention.", fieldErrors };
    }
    try {
      return { ok: true, data: await handler(parsed.data) };
    } catch (error) {
      // Next's own control flow (redirect, notFound) passes through.
      unstable_rethrow(error);
      if (error instanceof UserError) {
        return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
      }
      console.error("Server action failed", error);
      return { ok: false, error: UNEXPECTED };
    }
  };
}

/** A server action that needs a signed-in user; the handler gets the user's workspace. */
export function workspaceAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>, session: WorkspaceSession) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    const session = await getWorkspaceSession();
    if (!session) return { ok: false, error: SIGNED_OUT };
    return publicAction(schema, (parsed) => handler(parsed, session))(input);
  };
}

/** Like workspaceAction, for what only the workspace owner may do. */
export function ownerAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>, session: WorkspaceSession) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return workspaceAction(schema, (parsed, session) => {
    if (session.role !== "owner") throw new UserError("Only the workspace owner can do this.");
    return handler(parsed, session);
  });
}

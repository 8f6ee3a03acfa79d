import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { clientAddress } from "@/lib/auth/client-address";
import { can, type Permission, refusal } from "@/lib/auth/permissions";
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
  const action = (input: z.input<S>) => runAction(schema, handler, input);
  guards.set(action, "public");
  return action;
}

/** How each exported server action is guarded, so a test can prove none is left unguarded. */
const guards = new WeakMap<object, Permission | "public">();

async function runAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>) => Promise<T>,
  input: z.input<S>,
): Promise<ActionResult<T>> {
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
}

/** Who is acting, in which workspace, and from which address (for the audit log). */
export type ActionContext = WorkspaceSession & { address: string };

export function actionGuard(action: unknown): Permission | "public" | undefined {
  return typeof action === "function" ? guards.get(action) : undefined;
}

/**
 * The one wrapper for server actions in the app: a signed-in member whose role has `permission`
 * (lib/auth/permissions.ts); anyone else is told who may do it.
 */
export function permittedAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  handler: (input: z.infer<S>, context: ActionContext) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  const action = async (input: z.input<S>): Promise<ActionResult<T>> => {
    const session = await getWorkspaceSession();
    if (!session) return { ok: false, error: SIGNED_OUT };
    if (!can(session.role, permission)) {
      return { ok: false, error: refusal(permission, session.workspace.name) };
    }
    const address = clientAddress(await headers());
    return runAction(schema, (parsed) => handler(parsed, { ...session, address }), input);
  };
  guards.set(action, permission);
  return action;
}

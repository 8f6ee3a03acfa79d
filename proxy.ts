import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { signInPath } from "@/lib/auth/safe-return-path";

const PUBLIC_PATHS = ["/sign-in", "/sign-up"];

/**
 * A fast first check: a visit without a session cookie goes straight to sign-in, remembering the
 * page. Pages, actions and routes still verify the session and workspace themselves.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (!isPublic && !getSessionCookie(request)) {
    return NextResponse.redirect(new URL(signInPath(`${pathname}${search}`), request.url));
  }
  const forwarded = new Headers(request.headers);
  forwarded.set("x-outflow-path", `${pathname}${search}`);
  return NextResponse.next({ request: { headers: forwarded } });
}

export const config = {
  // Pages only: not Next's own assets, public files or API routes. API routes check their own access (session or ingest key) and must receive request bodies
  // unbuffered: uploads are streamed.
  // Public files at the top level (the logo on the sign-in page) are matched by their extension.
  matcher: [
    "/((?!api/|_next/static|_next/image|favicon.ico|logos/|fonts/|[^/]+\\.(?:svg|png|ico|txt|webmanifest)$).*)",
  ],
};
